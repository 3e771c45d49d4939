import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit, type MappingError } from '../domain/index.js';
import { rewriteHostSource } from './csp-source.js';
import { forEachDirective, sourceListEdits, type Token } from './source-lists.js';

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
 * between tokens. Several policies joined by `,` are handled alike. One pass, and no
 * literal precheck: a `report-uri` URL may spell its host as only the URL parser reads
 * it (`app.example%2Ecom`), and `*.example.com` matters when only `app.example.com` is
 * protected.
 */
export function rewriteCsp(ctx: RewriteContext, value: string): string {
  const onMappingError = (err: MappingError) =>
    ctx.emit({ type: 'mapping-error', message: err.message, host: err.host });
  const edits: Edit[] = [];
  forEachDirective(value, (tokens) => {
    if (tokens.length > 1) rewriteDirective(ctx, value, tokens, onMappingError, edits);
  });
  return applyEdits(value, edits);
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
  sourceListEdits(value, tokens.slice(1), (source) => rewriteHostSource(ctx.hosts.map, source, onMappingError), edits);
}
