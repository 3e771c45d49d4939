/**
 * The WHATWG "prescan a byte stream to determine its encoding" over the first 1,024
 * bytes: comments, `<meta charset>`, `<meta http-equiv=content-type content=…charset=…>`,
 * other tags' attributes skipped so a `charset=` inside them never counts. Returns the
 * label found (not yet resolved to an encoding), or null.
 */
export function prescanCharset(bytes: Uint8Array): string | null {
  return prescanCharsetDeclaration(bytes)?.label ?? null;
}

/** A charset declaration found by the prescan: its label and the offset just past its `<meta>` tag. */
export interface CharsetDeclaration {
  readonly label: string;
  readonly end: number;
}

/** {@link prescanCharset}, also telling where the declaring `<meta>` ends (nothing may push it past 1,024 bytes). */
export function prescanCharsetDeclaration(bytes: Uint8Array): CharsetDeclaration | null {
  const n = Math.min(bytes.length, 1024);
  let pos = 0;
  const at = (i: number) => (i < n ? bytes[i] as number : -1);
  const lower = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
  const isSpace = (c: number) => c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
  const isAlpha = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
  const matches = (i: number, s: string) => {
    for (let k = 0; k < s.length; k++) if (lower(at(i + k)) !== s.charCodeAt(k)) return false;
    return true;
  };

  /** "Get an attribute"; null when none (or the input ran out). */
  const getAttribute = (): { name: string; value: string } | null => {
    while (isSpace(at(pos)) || at(pos) === 0x2f) pos++;
    if (pos >= n || at(pos) === 0x3e) return null;
    let name = '';
    let value = '';
    for (;;) {
      const c = at(pos);
      if (c < 0) return null;
      if (c === 0x3d && name !== '') { pos++; break; }
      if (isSpace(c)) {
        while (isSpace(at(pos))) pos++;
        if (at(pos) !== 0x3d) return { name, value: '' };
        pos++;
        break;
      }
      if (c === 0x2f || c === 0x3e) return { name, value: '' };
      name += String.fromCharCode(lower(c));
      pos++;
    }
    while (isSpace(at(pos))) pos++;
    const q = at(pos);
    if (q === 0x22 || q === 0x27) {
      pos++;
      for (;;) {
        const c = at(pos);
        if (c < 0) return null;
        pos++;
        if (c === q) return { name, value };
        value += String.fromCharCode(lower(c));
      }
    }
    if (q === 0x3e) return { name, value: '' };
    if (q < 0) return null;
    for (;;) {
      const c = at(pos);
      if (c < 0) return null;
      if (isSpace(c) || c === 0x3e) return { name, value };
      value += String.fromCharCode(lower(c));
      pos++;
    }
  };

  while (pos < n) {
    if (matches(pos, '<!--')) {
      let i = pos + 2;
      while (i + 2 < n && !(at(i) === 0x2d && at(i + 1) === 0x2d && at(i + 2) === 0x3e)) i++;
      if (i + 2 >= n) return null;
      pos = i + 3;
      continue;
    }
    if (matches(pos, '<meta') && (isSpace(at(pos + 5)) || at(pos + 5) === 0x2f)) {
      pos += 6;
      const seen = new Set<string>();
      let gotPragma = false;
      let needPragma: boolean | null = null;
      let charset: string | null = null;
      for (let a = getAttribute(); a !== null; a = getAttribute()) {
        if (seen.has(a.name)) continue;
        seen.add(a.name);
        if (a.name === 'http-equiv') {
          if (a.value === 'content-type') gotPragma = true;
        } else if (a.name === 'content') {
          const cs = charsetFromContent(a.value);
          if (cs !== null && charset === null) { charset = cs; needPragma = true; }
        } else if (a.name === 'charset') {
          charset = a.value;
          needPragma = false;
        }
      }
      if (pos >= n) return null;
      if (needPragma === null || (needPragma && !gotPragma) || charset === null || charset === '') continue;
      return { label: charset, end: Math.min(pos + 1, n) };
    }
    if (at(pos) === 0x3c && (isAlpha(at(pos + 1)) || (at(pos + 1) === 0x2f && isAlpha(at(pos + 2))))) {
      while (pos < n && !isSpace(at(pos)) && at(pos) !== 0x3e) pos++;
      while (getAttribute() !== null) { /* skip this tag's attributes */ }
      pos++;
      continue;
    }
    if (at(pos) === 0x3c && (at(pos + 1) === 0x21 || at(pos + 1) === 0x2f || at(pos + 1) === 0x3f)) {
      while (pos < n && at(pos) !== 0x3e) pos++;
      pos++;
      continue;
    }
    pos++;
  }
  return null;
}

/** "Extract a character encoding from a meta element" (`text/html; charset=…`). */
export function charsetFromContent(content: string): string | null {
  let pos = 0;
  for (;;) {
    const i = content.toLowerCase().indexOf('charset', pos);
    if (i < 0) return null;
    pos = i + 7;
    while (/[\t\n\f\r ]/.test(content[pos] ?? '')) pos++;
    if (content[pos] !== '=') continue;
    pos++;
    while (/[\t\n\f\r ]/.test(content[pos] ?? '')) pos++;
    const q = content[pos];
    if (q === '"' || q === "'") {
      const end = content.indexOf(q, pos + 1);
      return end < 0 ? null : content.slice(pos + 1, end);
    }
    const m = /^[^\t\n\f\r ;]*/.exec(content.slice(pos)) as RegExpExecArray;
    return m[0] === '' ? null : m[0];
  }
}
