import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit, type MappingError } from '../domain/index.js';
import { rewriteHostSource } from './csp-source.js';

// Directives whose values are not source lists: their tokens are names, flags or keywords.
const NOT_SOURCES = new Set([
  'sandbox', 'report-to', 'trusted-types', 'require-trusted-types-for', 'plugin-types',
  'upgrade-insecure-requests', 'block-all-mixed-content', 'require-sri-for', 'webrtc', 'referrer',
]);

/**
 * `Content-Security-Policy` (and `-Report-Only`, and the `<meta http-equiv>` form):
 * host sources of every source-list directive (unknown directives are treated as source
 * lists, so a new one cannot let a host escape), and `report-uri` URLs. Keywords,
 * nonces, hashes, scheme sources and directive names are untouched; so is every byte
 * between tokens. Several policies joined by `,` are handled alike. One pass.
 */
export function rewriteCsp(ctx: RewriteContext, value: string): string {
  // `*.example.com` may matter when only `app.example.com` is protected, and the
  // scanner's literal search does not see it; a `*.` is the one extra reason to look.
  if (!ctx.hosts.scanner.mayContain(value) && !value.includes('*.')) return value;
  const onMappingError = (err: MappingError) =>
    ctx.emit({ type: 'mapping-error', message: err.message, host: err.host });
  const edits: Edit[] = [];
  const n = value.length;
  let directive: Token[] = [];
  const flush = () => {
    if (directive.length > 1) rewriteDirective(ctx, value, directive, onMappingError, edits);
    directive = [];
  };
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x3b /* ; */ || c === 0x2c /* , */) {
      flush();
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
  flush();
  return applyEdits(value, edits);
}

interface Token {
  readonly start: number;
  readonly end: number;
}

/** One directive: its name token, then its values. */
function rewriteDirective(ctx: RewriteContext, value: string, tokens: Token[], onMappingError: (err: MappingError) => void, edits: Edit[]): void {
  const name = value.slice(tokens[0].start, tokens[0].end).toLowerCase();
  if (NOT_SOURCES.has(name)) return;
  if (name === 'report-uri') {
    for (let k = 1; k < tokens.length; k++) {
      const t = tokens[k];
      const token = value.slice(t.start, t.end);
      const rewritten = ctx.hosts.url(token);
      if (rewritten !== token) edits.push({ start: t.start, end: t.end, text: rewritten });
    }
    return;
  }
  let present: Set<string> | undefined; // lower-case sources, built only when a wildcard is added
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    const r = rewriteHostSource(ctx.hosts.map, value.slice(t.start, t.end), onMappingError);
    if (r === null) continue;
    if (!r.keepOriginal) {
      edits.push({ start: t.start, end: t.end, text: r.text });
      continue;
    }
    // Added beside the original; already there after an earlier pass keeps it idempotent.
    present ??= new Set(tokens.map((x) => value.slice(x.start, x.end).toLowerCase()));
    if (present.has(r.text.toLowerCase())) continue;
    present.add(r.text.toLowerCase());
    edits.push({ start: t.end, end: t.end, text: ' ' + r.text });
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c || c === 0x0a || c === 0x0d;
}
