import { isPublicSuffix, type HostPattern } from './patterns.js';

/**
 * The set of protected hosts. Membership is a hash lookup per label of the host, so it
 * costs the same for 1 pattern as for 10,000.
 */
export class HostSet {
  private readonly exact = new Set<string>();
  private readonly wildcard = new Set<string>();
  /**
   * Every proper parent domain of a pattern's base (`example.com` for `app.example.com`
   * and for `*.eu.example.com`), public suffixes excepted: `.com` must never read as "some
   * subdomain is protected".
   */
  private readonly parents = new Set<string>();

  constructor(patterns: readonly HostPattern[]) {
    for (const p of patterns) {
      (p.exact ? this.exact : this.wildcard).add(p.base);
      for (let dot = p.base.indexOf('.'); dot !== -1; dot = p.base.indexOf('.', dot + 1)) {
        const parent = p.base.slice(dot + 1);
        if (!isPublicSuffix(parent)) this.parents.add(parent);
      }
    }
  }

  /** Bases of every pattern, for building the occurrence search. */
  bases(): string[] {
    return [...new Set([...this.exact, ...this.wildcard])];
  }

  /** `host` must already be normalized (lower-case punycode, no trailing dot). */
  has(host: string): boolean {
    if (this.exact.has(host)) return true;
    return this.hasWildcardAbove(host, false);
  }

  /**
   * True when some subdomain of `host` is protected: the meaning of `.example.com`
   * (cookie domain) and `*.example.com` (CSP source) strings.
   */
  coversSubdomainsOf(host: string): boolean {
    return this.parents.has(host) || this.hasWildcardAbove(host, true);
  }

  private hasWildcardAbove(host: string, includeSelf: boolean): boolean {
    if (this.wildcard.size === 0) return false;
    if (includeSelf && this.wildcard.has(host)) return true;
    let dot = host.indexOf('.');
    while (dot !== -1) {
      if (this.wildcard.has(host.slice(dot + 1))) return true;
      dot = host.indexOf('.', dot + 1);
    }
    return false;
  }
}
