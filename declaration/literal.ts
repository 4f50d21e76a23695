/**
 * The options object read as data, syntactically: string, number and boolean
 * literals, arrays and nested object literals. Anything else (a variable, a
 * call, a spread, a template with substitutions) becomes an `invalid` value
 * that says what it is, because the file is never executed and so such a
 * value has no meaning here.
 */
import { Node, SyntaxKind } from './ts-morph.js';

export type Literal =
  | { kind: 'string'; value: string; node: Node }
  | { kind: 'number'; value: number; node: Node }
  | { kind: 'boolean'; value: boolean; node: Node }
  | { kind: 'array'; items: Literal[]; node: Node }
  | { kind: 'object'; props: LiteralProp[]; node: Node }
  | { kind: 'invalid'; what: string; node: Node };

export interface LiteralProp {
  key: string;
  keyNode: Node;
  value: Literal;
}

/** How a literal's kind reads in a message ("a string", "an array"). */
export function describeLiteral(lit: Literal): string {
  switch (lit.kind) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'invalid':
      return lit.what;
  }
}

/**
 * Read an expression as a literal. `Node` type guards come from the lazily
 * loaded ts-morph module, so this file is only imported by the reader.
 */
export function readLiteral(expr: Node): Literal {
  const node = expr;
  // `(x)`, `x as const` and `x satisfies T` do not change the value.
  if (Node.isParenthesizedExpression(expr)) return readLiteral(expr.getExpression());
  if (Node.isAsExpression(expr) || Node.isSatisfiesExpression(expr)) {
    const typeNode = expr.getTypeNode();
    if (Node.isAsExpression(expr) && !(typeNode && typeNode.getText() === 'const'))
      return { kind: 'invalid', what: `a type assertion (\`as ${typeNode?.getText() ?? ''}\`)`, node };
    return readLiteral(expr.getExpression());
  }
  if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr))
    return { kind: 'string', value: expr.getLiteralValue(), node };
  if (Node.isNumericLiteral(expr)) return { kind: 'number', value: expr.getLiteralValue(), node };
  if (Node.isPrefixUnaryExpression(expr)) {
    const operand = expr.getOperand();
    const op = expr.getOperatorToken();
    if (Node.isNumericLiteral(operand) && (op === SyntaxKind.MinusToken || op === SyntaxKind.PlusToken)) {
      const v = operand.getLiteralValue();
      return { kind: 'number', value: op === SyntaxKind.MinusToken ? -v : v, node };
    }
  }
  if (Node.isTrueLiteral(expr) || Node.isFalseLiteral(expr))
    return { kind: 'boolean', value: Node.isTrueLiteral(expr), node };
  if (Node.isArrayLiteralExpression(expr)) {
    const items = expr.getElements().map((e): Literal =>
      Node.isSpreadElement(e) ? { kind: 'invalid', what: 'a spread (`...`)', node: e } : readLiteral(e),
    );
    return { kind: 'array', items, node };
  }
  if (Node.isObjectLiteralExpression(expr)) return readObject(expr);
  return { kind: 'invalid', what: describeExpression(expr), node };
}

function readObject(expr: Node): Literal {
  const props: LiteralProp[] = [];
  if (!Node.isObjectLiteralExpression(expr)) throw new Error('not an object literal');
  for (const p of expr.getProperties()) {
    if (Node.isPropertyAssignment(p)) {
      const nameNode = p.getNameNode();
      let key: string;
      if (Node.isIdentifier(nameNode) || Node.isPrivateIdentifier(nameNode)) key = nameNode.getText();
      else if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode) || Node.isNumericLiteral(nameNode))
        key = String(nameNode.getLiteralValue());
      else {
        props.push({ key: '', keyNode: nameNode, value: { kind: 'invalid', what: 'a computed key (`[…]`)', node: nameNode } });
        continue;
      }
      const init = p.getInitializer();
      props.push({ key, keyNode: nameNode, value: init ? readLiteral(init) : { kind: 'invalid', what: 'nothing', node: p } });
    } else if (Node.isShorthandPropertyAssignment(p)) {
      const nameNode = p.getNameNode();
      props.push({
        key: nameNode.getText(),
        keyNode: nameNode,
        value: { kind: 'invalid', what: `the variable \`${nameNode.getText()}\` (shorthand property)`, node: p },
      });
    } else if (Node.isSpreadAssignment(p)) {
      props.push({ key: '', keyNode: p, value: { kind: 'invalid', what: 'a spread (`...`)', node: p } });
    } else {
      // Methods, getters and setters: code, not data.
      const nameNode = (p as { getNameNode?: () => Node }).getNameNode?.() ?? p;
      props.push({ key: nameNode.getText(), keyNode: nameNode, value: { kind: 'invalid', what: 'a method or accessor', node: p } });
    }
  }
  return { kind: 'object', props, node: expr };
}

function describeExpression(expr: Node): string {
  const text = expr.getText();
  const short = text.length > 40 ? text.slice(0, 37) + '...' : text;
  if (Node.isIdentifier(expr)) {
    if (text === 'undefined') return '`undefined`';
    return `the variable \`${short}\``;
  }
  if (Node.isCallExpression(expr) || Node.isNewExpression(expr)) return `a call (\`${short}\`)`;
  if (Node.isTemplateExpression(expr)) return 'a template string with substitutions';
  if (Node.isPropertyAccessExpression(expr) || Node.isElementAccessExpression(expr)) return `an expression (\`${short}\`)`;
  if (Node.isNullLiteral(expr)) return '`null`';
  if (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr)) return 'a function';
  return `an expression (\`${short}\`)`;
}
