import { randomBytes } from 'node:crypto';

/** The directives that govern an inline element, most specific first (CSP3 §6.8.1 "effective directive" fallbacks). */
const GOVERNING: Record<'script' | 'style', readonly string[]> = {
  script: ['script-src-elem', 'script-src', 'default-src'],
  style: ['style-src-elem', 'style-src', 'default-src'],
};

/** A fresh nonce: 128 random bits, base64 (CSP3 recommends at least 128 bits). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Lets the injected snippet's `<script>` and `<style>` elements run under a page's
 * Content Security Policy: for each policy (each header value, each comma-separated
 * policy in it) whose governing directive would block an inline element of that kind,
 * `'nonce-…'` is appended to that directive. A directive that already allows inline code
 * (`'unsafe-inline'` with no nonce, hash or `'strict-dynamic'`, which would cancel it) is
 * left alone: adding a nonce there would switch `'unsafe-inline'` off and break the
 * page's own inline code. Returns the policy unchanged when nothing needs it.
 */
export function allowNonce(policy: string, nonce: string, kinds: ReadonlySet<'script' | 'style'>): string {
  return policy
    .split(',')
    .map((one) => allowInOnePolicy(one, nonce, kinds))
    .join(',');
}

function allowInOnePolicy(policy: string, nonce: string, kinds: ReadonlySet<'script' | 'style'>): string {
  const directives = policy.split(';');
  const names = directives.map((d) => d.trim().split(/[ \t\n\r\f]+/)[0]?.toLowerCase() ?? '');
  // CSP3 §2.2.1: a repeated directive name is ignored after its first occurrence.
  const firstIndex = (name: string) => names.indexOf(name);
  const patched = new Set<number>();
  for (const kind of kinds) {
    const index = GOVERNING[kind].map(firstIndex).find((i) => i !== -1);
    if (index === undefined || patched.has(index)) continue;
    const sources = (directives[index] as string).trim().split(/[ \t\n\r\f]+/).slice(1).map((s) => s.toLowerCase());
    if (allowsInline(sources, kind)) continue;
    patched.add(index);
    directives[index] = `${trimAsciiEnd(directives[index] as string)} 'nonce-${nonce}'`;
  }
  return directives.join(';');
}

/** Trailing ASCII whitespace removed (a loop: a `/\s+$/` regex is quadratic on long runs). */
function trimAsciiEnd(s: string): string {
  let end = s.length;
  while (end > 0 && ' \t\n\r\f'.includes(s[end - 1] as string)) end--;
  return s.slice(0, end);
}

function allowsInline(sources: readonly string[], kind: 'script' | 'style'): boolean {
  if (!sources.includes("'unsafe-inline'")) return false;
  const cancels = (s: string) => s.startsWith("'nonce-") || s.startsWith("'sha256-") || s.startsWith("'sha384-") || s.startsWith("'sha512-") || (kind === 'script' && s === "'strict-dynamic'");
  return !sources.some(cancels);
}

/** Adds `nonce="…"` to every `<script` and `<style` start tag of the implementer's snippet. */
export function nonceSnippet(snippet: string, nonce: string): string {
  return snippet.replace(/<(script|style)(?=[\s>/])/gi, (tag) => `${tag} nonce="${nonce}"`);
}

/** Which inline kinds the snippet holds. */
export function snippetKinds(snippet: string): Set<'script' | 'style'> {
  const kinds = new Set<'script' | 'style'>();
  if (/<script[\s>/]/i.test(snippet)) kinds.add('script');
  if (/<style[\s>/]/i.test(snippet)) kinds.add('style');
  return kinds;
}
