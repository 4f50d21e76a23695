/**
 * verifyPlist: Python's plistlib (strict: a key without a value, a mismatched
 * tag, a bad <integer> all fail) must load the file as an XML property list.
 * A small expat pass beside it gives each failure its line (plistlib names
 * the line where it noticed, e.g. the `</dict>` after a key with no value;
 * the key's own line is the one to fix) and adds two checks plistlib lets
 * through: a key twice in one <dict>, and more than one root value.
 */
import { resolve } from 'node:path';
import { type CheckResult, type Diagnostic, finish, runTool, unlocated } from './common.js';

const SCRIPT = String.raw`
import json, plistlib, re, sys
import xml.parsers.expat as expat

path = sys.argv[1]
data = open(path, 'rb').read()
problems = []

def walk():
    p = expat.ParserCreate()
    stack = []  # frames: [tag, pending_key, key_line, key_col, keys(set)]
    text = []
    roots = [0]
    FORMATS = {'integer': r'[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)', 'real': r'[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|nan)',
               'date': r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z'}
    def at():
        return p.CurrentLineNumber, p.CurrentColumnNumber + 1
    def value_started(tag):
        line, col = at()
        if not stack:
            return
        top = stack[-1]
        if top[0] == 'plist':
            roots[0] += 1
            if roots[0] == 2:
                problems.append((line, col, 'more than one root value in <plist>'))
        elif top[0] == 'dict':
            if tag == 'key':
                if top[1] is not None:
                    problems.append((top[2], top[3], 'missing value for key %r' % top[1]))
            elif top[1] is None:
                problems.append((line, col, '<%s> in a <dict> without a <key> before it' % tag))
            else:
                top[1] = None
    def start(tag, attrs):
        value_started(tag)
        line, col = at()
        stack.append([tag, None, line, col, set()])
        text.clear()
    def end(tag):
        frame = stack.pop()
        content = ''.join(text).strip()
        text.clear()
        if tag == 'dict' and frame[1] is not None:
            problems.append((frame[2], frame[3], 'missing value for key %r' % frame[1]))
        if tag == 'key' and stack and stack[-1][0] == 'dict':
            parent = stack[-1]
            if content in parent[4]:
                problems.append((frame[2], frame[3], 'duplicate key %r in one <dict>' % content))
            parent[4].add(content)
            parent[1], parent[2], parent[3] = content, frame[2], frame[3]
        if tag in FORMATS and not re.fullmatch(FORMATS[tag], content):
            problems.append((frame[2], frame[3], 'invalid <%s> value %r' % (tag, content)))
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = lambda s: text.append(s)
    try:
        p.Parse(data, True)
    except expat.ExpatError as e:
        problems.append((e.lineno, e.offset + 1, expat.ErrorString(e.code)))

walk()
result = {'problems': [{'line': l, 'column': c, 'message': m} for (l, c, m) in problems]}
try:
    plistlib.loads(data, fmt=plistlib.FMT_XML)
    result['loaded'] = True
except Exception as e:
    result['loaded'] = False
    line = getattr(e, 'lineno', None)
    col = getattr(e, 'offset', None)
    m = re.search(r' at line (\d+)', str(e))
    if line is None and m:
        line = int(m.group(1))
    result['error'] = {'type': type(e).__name__, 'message': str(e), 'line': line, 'column': None if col is None else col + 1}
print(json.dumps(result))
`;

interface Located {
  line: number | null;
  column: number | null;
  message: string;
}
interface PyResult {
  loaded: boolean;
  problems: Located[];
  error?: Located & { type: string };
}

/** Verify one property list. Throws ToolchainMissingError when python3 is not installed. */
export async function verifyPlist(file: string): Promise<CheckResult> {
  const start = performance.now();
  const abs = resolve(file);
  const r = await runTool('python3', ['-I', '-c', SCRIPT, abs], { timeoutMs: 60_000, what: 'python3 (for plistlib)' });
  let res: PyResult;
  try {
    res = JSON.parse(r.stdout) as PyResult;
  } catch {
    return finish([unlocated('plistlib', abs, `python3 plistlib check failed (exit ${r.code ?? r.signal}):\n${r.stderr.trim()}`)], start);
  }
  const located = (p: Located, message = p.message): Diagnostic =>
    p.line ? { file: abs, line: p.line, column: p.column ?? 1, severity: 'error', message, tool: 'plistlib' } : unlocated('plistlib', abs, message);
  const found: Diagnostic[] = [];
  if (!res.loaded && res.error) {
    const e = res.error;
    const message = `${e.message}${e.type === 'ValueError' || e.type === 'ExpatError' ? '' : ` (${e.type})`}`;
    // Prefer the expat pass's location when it saw the same problem earlier in the file.
    const same = res.problems.find((p) => p.message === e.message.replace(/ at line \d+$/, '')) ?? (e.line ? undefined : res.problems[0]);
    found.push(located(same ?? e, message.replace(/ at line \d+$/, '')));
  }
  // What plistlib lets through but Apple's tools would not keep: duplicate keys, extra roots.
  for (const p of res.problems)
    if (/^(duplicate key|more than one root)/.test(p.message)) found.push(located(p, p.message));
  if (!res.loaded && found.length === 0) found.push(unlocated('plistlib', abs, 'plistlib could not load the file'));
  return finish(found, start);
}
