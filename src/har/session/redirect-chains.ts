/** Fetch follows at most 20 redirects ("HTTP-redirect fetch", step 7); a longer chain is a network error. */
export const MAX_REDIRECTS = 20;

interface Chain {
  /** Every request the chain made, in order: `METHOD url` (the URL serialized, fragment removed). */
  readonly steps: string[];
  reported: boolean;
}

/** What one redirect did to its chain. */
export type RedirectFinding = { readonly kind: 'loop'; readonly chain: readonly string[] } | { readonly kind: 'too-long'; readonly length: number } | null;

/**
 * Follows redirect chains through a capture, page by page (entries of one `pageref`;
 * entries without one form their own group). A redirect continues the chain whose last
 * request it answers, else it starts one; so two loads of the same redirect are two
 * chains, not a loop. A chain that makes a request it already made (same method, same
 * URL: `POST /form` answered by 303 to `GET /form` is no loop) loops: a browser would
 * go round until its limit. One of more than 20 redirects is too long. Each chain is
 * reported once. Only the chains' open ends are kept.
 */
export class RedirectChains {
  private readonly pages = new Map<string, Map<string, Chain>>();

  /**
   * Records that `method from` was redirected by `status` to `to` (both absolute) in page
   * `page`; the next request's method follows Fetch (see {@link methodAfterRedirect}).
   */
  redirect(page: string, method: string, from: string, status: number, to: string): RedirectFinding {
    const source = normalize(from);
    const target = normalize(to);
    if (source === null || target === null) return null;
    const sourceStep = `${method} ${source}`;
    const targetStep = `${methodAfterRedirect(method, status)} ${target}`;
    let tails = this.pages.get(page);
    if (tails === undefined) this.pages.set(page, (tails = new Map()));
    const chain = tails.get(sourceStep) ?? { steps: [sourceStep], reported: false };
    tails.delete(sourceStep);
    const seen = chain.steps.includes(targetStep);
    chain.steps.push(targetStep);
    tails.set(targetStep, chain);
    if (chain.reported) return null;
    if (seen) {
      chain.reported = true;
      return { kind: 'loop', chain: [...chain.steps] };
    }
    if (chain.steps.length - 1 > MAX_REDIRECTS) {
      chain.reported = true;
      return { kind: 'too-long', length: chain.steps.length - 1 };
    }
    return null;
  }
}

/**
 * The method of the request a redirect leads to (Fetch "HTTP-redirect fetch", step 12):
 * 301 and 302 turn POST into GET, 303 turns everything but GET and HEAD into GET.
 */
export function methodAfterRedirect(method: string, status: number): string {
  const m = method.toUpperCase();
  if (((status === 301 || status === 302) && m === 'POST') || (status === 303 && m !== 'GET' && m !== 'HEAD')) return 'GET';
  return m;
}

/** A URL as the browser compares request URLs: parsed and serialized, without its fragment (Fetch drops it for the request). */
function normalize(url: string): string | null {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}
