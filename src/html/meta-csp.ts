import type { RewriteContext } from '../context.js';

/**
 * A Content-Security-Policy value from `<meta http-equiv=Content-Security-Policy>`: each
 * host source naming a protected host (`https://app.example.com`, `app.example.com:443`,
 * `*.example.com`) names its proxied twin instead, so the page may still load what it
 * loads through the proxy. Keywords, nonces, hashes and scheme sources are untouched.
 */
export function rewriteCspValue(ctx: RewriteContext, value: string): string {
  if (!ctx.hosts.scanner.mayContain(value)) return value;
  // Sources are runs of non-whitespace; directives are separated by `;`.
  return value.replace(/[^\s;,]+/g, (token) => rewriteSource(ctx, token));
}

function rewriteSource(ctx: RewriteContext, token: string): string {
  const c = token.charCodeAt(0);
  if (c === 0x27 /* ' */) return token;
  if (token.includes('://')) return ctx.hosts.url(token);
  // A bare host source: the whole token up to a port or path is the host (rule 3b).
  const cut = token.search(/[:/]/);
  const host = cut < 0 ? token : token.slice(0, cut);
  const rest = cut < 0 ? '' : token.slice(cut);
  const proxied = ctx.hosts.codeString(host);
  if (proxied === host) return token;
  // Without a port a source matches only the scheme's default port: carry the proxy's.
  const port = ctx.hosts.map.proxyPort(undefined);
  if (port && !rest.startsWith(':')) return `${proxied}:${port}${rest}`;
  return proxied + rest;
}
