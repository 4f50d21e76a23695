/**
 * Tiny glob matching for config `ignore` patterns (gitignore-like):
 * `*` and `?` stay inside one path segment, `**` spans segments, `{a,b}`
 * alternates; a pattern without `/` matches at any depth; a trailing `/`
 * matches a folder and everything below it. Paths are relative and `/`-separated.
 */
export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/^\.\//, '');
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  const anchored = p.startsWith('/') || p.includes('/');
  p = p.replace(/^\//, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        const slash = p[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += '(?:' + p.slice(i + 1, close).split(',').map(escape).join('|') + ')';
        i = close;
      }
    } else re += escape(c);
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return new RegExp(prefix + re + (dirOnly ? '(?:/.*)?$' : '(?:/.*)?$'));
}

function escape(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

export function matcher(patterns: string[]): (rel: string) => boolean {
  const res = patterns.map(globToRegExp);
  return (rel) => res.some((r) => r.test(rel));
}
