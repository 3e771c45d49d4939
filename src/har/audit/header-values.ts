import { cspHosts } from './csp-sources.js';
import { linkUrls } from './link-urls.js';
import { refreshUrl } from './refresh.js';
import type { UrlHit, UrlJudge } from './url-judge.js';

/**
 * The protected hosts a response header value sends the browser to (DESIGN.md rule 5),
 * or null when `name` (lower case) is no URL header. Each value is parsed by its own
 * grammar; the URLs in it are URL positions on a page of `pageScheme`.
 */
export function responseHeaderHits(name: string, value: string, judge: UrlJudge, pageScheme: string): UrlHit[] | null {
  switch (name) {
    case 'location':
    case 'content-location':
    case 'access-control-allow-origin':
      return judge.urlPosition(value.trim(), pageScheme);
    case 'refresh': {
      const url = refreshUrl(value);
      return url === null ? [] : judge.urlPosition(url, pageScheme);
    }
    case 'link':
      return linkUrls(value).flatMap((url) => judge.urlPosition(url, pageScheme));
    case 'content-security-policy':
    case 'content-security-policy-report-only':
      return cspHits(value, judge, pageScheme);
    case 'timing-allow-origin':
      return value.split(',').flatMap((origin) => judge.absoluteUrlPosition(origin.trim(), pageScheme));
    case 'report-to':
    case 'reporting-endpoints':
    case 'speculation-rules':
      // JSON objects, a structured dictionary and a list of strings: URLs inside quotes.
      return judge.inText(value.replace(/\\\//g, '/'));
    default:
      return null;
  }
}

/** Host sources naming a protected host (`*.example.com` when it covers protected hosts), and `report-uri` URLs. */
export function cspHits(value: string, judge: UrlJudge, pageScheme: string): UrlHit[] {
  const hits: UrlHit[] = [];
  for (const source of cspHosts(value)) {
    if (source.url) {
      hits.push(...judge.urlPosition(source.source, pageScheme));
    } else if (source.wildcard ? judge.coversSubdomainsOf(source.host) : judge.isProtected(source.host)) {
      hits.push({ host: (source.wildcard ? '*.' : '') + source.host.toLowerCase(), url: source.source, offset: value.indexOf(source.source) });
    }
  }
  return hits;
}

/** The `Domain` attribute of a `Set-Cookie` value (the last one, RFC 6265 §5.3), without its leading dot; null when none. */
export function setCookieDomain(value: string): string | null {
  let domain: string | null = null;
  const parts = value.split(';');
  for (let i = 1; i < parts.length; i++) {
    const eq = parts[i].indexOf('=');
    const name = (eq === -1 ? parts[i] : parts[i].slice(0, eq)).trim().toLowerCase();
    if (name !== 'domain') continue;
    const v = eq === -1 ? '' : parts[i].slice(eq + 1).trim();
    if (v === '') continue; // an empty Domain is ignored (§5.2.3), so an earlier one stands
    domain = v.startsWith('.') ? v.slice(1) : v;
  }
  return domain === '' ? null : domain;
}

/** Whether a cookie domain lets the cookie reach a protected host (the host itself, or its subdomains). */
export function isProtectedCookieDomain(domain: string, judge: UrlJudge): boolean {
  const d = domain.startsWith('.') ? domain.slice(1) : domain;
  return d !== '' && (judge.isProtected(d) || judge.coversSubdomainsOf(d));
}
