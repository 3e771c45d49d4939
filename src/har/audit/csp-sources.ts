import { spaceSeparated } from './srcset.js';

/** A host named by a Content-Security-Policy: a host source (`app.example.com`, `*.example.com`, `https://x.example.com:443/p`) or a report URL. */
export interface CspHost {
  /** The source expression or URL as written. */
  readonly source: string;
  /** The host, without `*.`. */
  readonly host: string;
  /** `*.host`: every subdomain. */
  readonly wildcard: boolean;
  /** A `report-uri` URL rather than a source expression. */
  readonly url: boolean;
}

/**
 * The hosts of a CSP header value (CSP 3 "parse a serialized CSP list"): policies split
 * on `,`, directives on `;`, tokens on ASCII whitespace; keyword, nonce, hash and scheme
 * sources name no host; `report-uri` values are URLs.
 */
export function cspHosts(value: string): CspHost[] {
  const hosts: CspHost[] = [];
  for (const policy of value.split(',')) {
    for (const directive of policy.split(';')) {
      const [name, ...tokens] = spaceSeparated(directive);
      if (name === undefined) continue;
      const isReport = name.toLowerCase() === 'report-uri';
      for (const token of tokens) {
        if (isReport) {
          hosts.push({ source: token, host: '', wildcard: false, url: true });
          continue;
        }
        const host = sourceHost(token);
        if (host !== null) hosts.push({ source: token, host: host.replace(/^\*\./, ''), wildcard: host.startsWith('*.'), url: false });
      }
    }
  }
  return hosts;
}

/** The host part of a host-source, or null for other source expressions. */
function sourceHost(token: string): string | null {
  if (token.startsWith("'") || token === '*') return null;
  let rest = token;
  const scheme = rest.indexOf('://');
  if (scheme !== -1) rest = rest.slice(scheme + 3);
  else if (rest.endsWith(':')) return null; // a scheme-source (`https:`, `data:`)
  let end = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 0x3a || c === 0x2f) {
      end = i;
      break;
    }
  }
  const host = rest.slice(0, end);
  return host === '' || host === '*' ? null : host;
}
