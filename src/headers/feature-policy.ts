import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { rewritePolicyOrigin } from './policy-origin.js';
import { forEachDirective, sourceListEdits } from './source-lists.js';

/**
 * The legacy `Feature-Policy` header, and the iframe `allow` attribute, which uses the
 * same syntax: `camera 'self' https://app.example.com; geolocation *`. Directives
 * split on `;` (and `,`, which joins repeated headers), tokens on ASCII whitespace; the
 * first token names the feature, the others are `*`, `'self'`, `'src'`, `'none'` or
 * origins (absolute URLs; anything else the browser ignores). Origins of protected hosts
 * become their proxied twins, subdomain wildcards as in a CSP. Every other byte is kept.
 *
 * For the `allow` attribute, pass the attribute value as the HTML parser decoded it
 * (character references resolved) and escape the result for the attribute as usual.
 */
export function rewriteFeaturePolicy(ctx: RewriteContext, value: string): string {
  const edits: Edit[] = [];
  forEachDirective(value, (tokens) => {
    sourceListEdits(value, tokens.slice(1), (token) => (token.startsWith("'") ? null : rewritePolicyOrigin(ctx, token)), edits);
  });
  return applyEdits(value, edits);
}
