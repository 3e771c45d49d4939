import type { Edit } from '../domain/index.js';
import type { SourceRewrite } from './csp-source.js';

/** One whitespace-separated token of a directive. */
export interface Token {
  readonly start: number;
  readonly end: number;
}

/**
 * The directives of a policy in the CSP shape (`name value value; name value`), which
 * `Feature-Policy` and the iframe `allow` attribute share: each directive's tokens, name
 * first, for every run between `;` or `,` (several policies joined by `,` are read
 * alike). Tokens are split on ASCII whitespace. One pass, no regex.
 */
export function forEachDirective(value: string, visit: (tokens: Token[]) => void): void {
  const n = value.length;
  let directive: Token[] = [];
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x3b /* ; */ || c === 0x2c /* , */) {
      if (directive.length > 0) visit(directive);
      directive = [];
      i++;
    } else if (isSpace(c)) {
      i++;
    } else {
      let end = i;
      while (end < n && !isSpace(value.charCodeAt(end)) && value.charCodeAt(end) !== 0x3b && value.charCodeAt(end) !== 0x2c) end++;
      directive.push({ start: i, end });
      i = end;
    }
  }
  if (directive.length > 0) visit(directive);
}

/**
 * The edits of one source list (a directive's tokens after its name): each token that
 * `rewrite` changes is replaced, or, when the original must stay too (a wildcard that
 * also covers unprotected hosts), the rewritten token is added after it, once: a token
 * already in the list is not added again, so a second pass changes nothing.
 */
export function sourceListEdits(value: string, tokens: readonly Token[], rewrite: (token: string) => SourceRewrite | null, edits: Edit[]): void {
  let present: Set<string> | undefined; // lower-case tokens, built only when one is added
  for (const t of tokens) {
    const r = rewrite(value.slice(t.start, t.end));
    if (r === null) continue;
    if (!r.keepOriginal) {
      edits.push({ start: t.start, end: t.end, text: r.text });
      continue;
    }
    present ??= new Set(tokens.map((x) => value.slice(x.start, x.end).toLowerCase()));
    if (present.has(r.text.toLowerCase())) continue;
    present.add(r.text.toLowerCase());
    edits.push({ start: t.end, end: t.end, text: ' ' + r.text });
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c || c === 0x0a || c === 0x0d;
}
