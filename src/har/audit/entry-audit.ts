import type { HarEntry, HarHeader } from '../har-types.js';
import { bodyText, DEFAULT_MAX_BODY_BYTES } from './body-text.js';
import { auditedKind, charsetParameter, mimeEssence, type AuditedKind } from './content-kind.js';
import { auditCss } from './css-audit.js';
import type { Escape, EscapeKind } from './escape.js';
import { FindingSink, Region, scanTextUrls, type AuditScope } from './findings.js';
import { isProtectedCookieDomain, responseHeaderHits, setCookieDomain } from './header-values.js';
import { auditHtml } from './html-audit.js';
import { auditJs } from './js-audit.js';
import { auditJson } from './json-audit.js';
import { ProtectedHosts } from './protected-hosts.js';
import { hostOffset, LineIndex, snippetAround } from './snippet.js';
import { UrlJudge, type UrlHit } from './url-judge.js';
import { auditXml } from './xml-audit.js';

/** What the escape finder needs: what is protected (the rewriter's host matcher) and how much of a body to read. */
export interface AuditOptions {
  readonly suffix: string;
  readonly domains: readonly string[];
  readonly scheme?: 'suffix' | 'flat';
  /** The most of one body read (bytes of a spilled file, characters of a string). Default 16 MiB. */
  readonly maxBodyBytes?: number;
}

/** How an entry's body was read. */
export type BodyAudit =
  | 'read' | 'truncated' | 'no-body' | 'binary' | 'unreadable'
  /** A type the browser neither runs nor renders as markup (an image, `text/plain`): nothing to follow in it. */
  | 'other-type'
  /** A saved file (`Content-Disposition: attachment`): the proxy passes it, the browser does not render it. */
  | 'attachment'
  /** The entry does not go through the proxy (its host is neither protected nor a twin). */
  | 'not-proxied';

/** The audit of one entry. */
export interface EntryAudit {
  readonly escapes: Escape[];
  /** Whether the request goes through the proxy: its host is protected (raw capture) or a twin (rewritten). */
  readonly proxied: boolean;
  readonly body: BodyAudit;
  /** The body's kind when it was read. */
  readonly bodyKind: AuditedKind | null;
  /** What the audit could do only in part (a script acorn does not parse, a truncated body), one line each. */
  readonly notes: string[];
}

/** The kind a body's URLs get when its parser failed and the text was scanned. */
const FALLBACK_KIND: Readonly<Record<AuditedKind, EscapeKind>> = { html: 'html-attr', xml: 'html-attr', js: 'js-string', css: 'css-url', json: 'json-string' };

/**
 * Statuses whose responses have no body (1xx, 204, 205). A 304 is not one of them here:
 * captures store the cached body the browser then renders under it (Firefox, Chrome).
 */
const NULL_BODY_STATUS = (status: number) => (status >= 100 && status < 200) || status === 204 || status === 205;

/**
 * The escape finder: every protected host in a URL position of an entry that the proxy
 * would serve, found by full parsers of its own (parse5, postcss, acorn, saxes, JSON) and
 * decided by the WHATWG URL parser; what counts as protected is the rewriter's host
 * matcher. Entries of hosts the proxy does not serve are not the proxy's to rewrite and
 * are skipped (`not-proxied`).
 */
export class EscapeFinder {
  private readonly hosts: ProtectedHosts;
  private readonly judge: UrlJudge;
  private readonly maxBodyBytes: number;

  constructor(options: AuditOptions) {
    this.hosts = new ProtectedHosts(options);
    this.judge = new UrlJudge(this.hosts);
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /** The escapes of `entries[index]` (synchronous: a spilled body is read with blocking reads, up to the cap). */
  entry(entry: HarEntry, index: number): EntryAudit {
    const notes: string[] = [];
    const requestUrl = typeof entry?.request?.url === 'string' ? entry.request.url : '';
    let url: URL;
    try {
      url = new URL(requestUrl);
    } catch {
      return { escapes: [], proxied: false, body: 'not-proxied', bodyKind: null, notes: [`request URL ${JSON.stringify(requestUrl.slice(0, 100))} does not parse`] };
    }
    if (!this.hosts.has(url.hostname) && !this.hosts.isTwin(url.hostname)) {
      return { escapes: [], proxied: false, body: 'not-proxied', bodyKind: null, notes };
    }
    const response = entry.response;
    const contentType = headerValue(response?.headers, 'content-type') ?? response?.content?.mimeType ?? '';
    const fields = new FieldEscapes(index, requestUrl, typeof contentType === 'string' ? contentType : '');
    this.auditRequest(entry, url, fields);
    this.auditResponseHead(entry, url.protocol, fields);
    const { body, bodyKind } = this.auditBody(entry, url.protocol, fields, notes);
    return { escapes: fields.escapes, proxied: true, body, bodyKind, notes };
  }

  private auditRequest(entry: HarEntry, url: URL, out: FieldEscapes): void {
    const method = typeof entry.request.method === 'string' ? entry.request.method : 'GET';
    if (this.hosts.has(url.hostname)) out.add('request-url', 'request.url', { host: url.hostname, url: entry.request.url, offset: 0 }, `${method} ${entry.request.url}`);
    for (const h of headerList(entry.request.headers)) {
      const name = h.name.toLowerCase();
      let host: string | null = null;
      if (name === 'host' || name === ':authority') host = this.judge.ownHost(`${url.protocol}//${h.value.trim()}/`, url.protocol);
      else if (name === 'origin' || name === 'referer') host = this.judge.ownHost(h.value.trim(), url.protocol);
      if (host !== null) out.add('request-header', `request header ${h.name}`, { host, url: h.value, offset: 0 }, `${h.name}: ${h.value}`);
    }
  }

  private auditResponseHead(entry: HarEntry, pageScheme: string, out: FieldEscapes): void {
    const response = entry.response;
    if (response === undefined || response === null) return;
    if (typeof response.redirectURL === 'string' && response.redirectURL !== '') {
      for (const hit of this.judge.urlPosition(response.redirectURL, pageScheme)) out.add('redirect', 'response.redirectURL', hit, `redirectURL: ${response.redirectURL}`);
    }
    for (const h of headerList(response.headers)) {
      const name = h.name.toLowerCase();
      if (name === 'set-cookie') {
        // Some captures join repeated Set-Cookie lines with newlines in one value.
        for (const line of h.value.split('\n')) {
          const domain = setCookieDomain(line);
          if (domain !== null && isProtectedCookieDomain(domain, this.judge)) {
            out.add('cookie-domain', `header ${h.name}`, { host: domain.toLowerCase(), url: domain, offset: 0 }, `${h.name}: ${line}`);
          }
        }
        continue;
      }
      const hits = responseHeaderHits(name, h.value, this.judge, pageScheme);
      for (const hit of hits ?? []) out.add('header', `header ${h.name}`, hit, `${h.name}: ${h.value}`);
    }
    (Array.isArray(response.cookies) ? response.cookies : []).forEach((cookie, i) => {
      const domain = cookie?.domain;
      if (typeof domain === 'string' && isProtectedCookieDomain(domain, this.judge)) {
        const host = (domain.startsWith('.') ? domain.slice(1) : domain).toLowerCase();
        out.add('cookie-domain', `cookies[${i}].domain`, { host, url: domain, offset: 0 }, `${cookie.name}=…; domain=${domain}`);
      }
    });
  }

  private auditBody(entry: HarEntry, pageScheme: string, out: FieldEscapes, notes: string[]): { body: BodyAudit; bodyKind: AuditedKind | null } {
    const response = entry.response;
    const content = response?.content;
    if (content === undefined || content === null || content.text === undefined || content.text === null) return { body: 'no-body', bodyKind: null };
    if (NULL_BODY_STATUS(response.status) || entry.request.method === 'HEAD') return { body: 'no-body', bodyKind: null };
    const disposition = headerValue(response.headers, 'content-disposition');
    if (disposition !== undefined && mimeEssence(disposition).startsWith('attachment')) return { body: 'attachment', bodyKind: null };
    const nosniff = (headerValue(response.headers, 'x-content-type-options') ?? '').toLowerCase().includes('nosniff');
    const charset = charsetParameter(out.contentType);
    const peekKind = auditedKind(out.contentType, '', true);
    const read = bodyText(content, peekKind ?? 'html', charset, this.maxBodyBytes);
    if (typeof read === 'string') return { body: read, bodyKind: peekKind };
    const kind = peekKind ?? auditedKind(out.contentType, read.text.slice(0, 1445), nosniff);
    if (kind === null) return { body: 'other-type', bodyKind: null };
    if (read.truncated) notes.push(`body read up to ${this.maxBodyBytes} bytes only (truncated audit)`);
    const sink = new FindingSink();
    const scope: AuditScope = { judge: this.judge, pageScheme, sink, depth: 0, note: (m) => notes.push(m) };
    const region = new Region(0, read.text.length, true);
    const where = kind === 'js' ? 'script' : kind === 'css' ? 'stylesheet' : kind;
    try {
      switch (kind) {
        case 'html': auditHtml(read.text, region, scope); break;
        case 'xml': auditXml(read.text, region, scope); break;
        case 'js': auditJs(read.text, region, where, scope, 'auto'); break;
        case 'css': auditCss(read.text, region, where, scope); break;
        case 'json': auditJson(read.text, region, where, scope); break;
      }
    } catch (err) {
      // Never fail open: a body the parsers choke on is scanned as text, every URL in it counted.
      notes.push(`the ${kind} audit failed (${(err as Error).message}): every URL in the text counted`);
      scanTextUrls(scope, read.text, FALLBACK_KIND[kind], where, region);
    }
    out.addBody(sink, read.text);
    return { body: read.truncated ? 'truncated' : 'read', bodyKind: kind };
  }
}

/** Escapes of one entry, with their entry fields filled in. */
class FieldEscapes {
  readonly escapes: Escape[] = [];

  constructor(readonly entry: number, readonly url: string, readonly contentType: string) {}

  /** An escape in a HAR field or header: `line` is that field as `name: value`. */
  add(kind: EscapeKind, where: string, hit: UrlHit, line: string): void {
    const at = hostOffset(line, 0, line.length, 0, hit.host);
    this.push(kind, where, hit.host, hit.url, snippetAround(line, at, hit.host.length));
  }

  /** The findings of a body, placed by line and column. */
  addBody(sink: FindingSink, text: string): void {
    const lines = new LineIndex(text);
    for (const f of sink.findings) {
      const at = hostOffset(text, f.region.start, f.region.end, f.at, f.host);
      const { line, column } = lines.position(at);
      this.push(f.kind, f.where, f.host, f.value, snippetAround(text, at, f.host.length), line, column);
    }
  }

  private push(kind: EscapeKind, where: string, host: string, value: string, snippet: string, line?: number, column?: number): void {
    const shown = value.length <= 200 ? value : value.slice(0, 199) + '…';
    this.escapes.push({ entry: this.entry, url: this.url, contentType: this.contentType, kind, where, ...(line === undefined ? {} : { line, column }), host, value: shown, snippet });
  }
}

/** The well-formed headers of a HAR list (captures hold odd ones). */
function headerList(list: unknown): HarHeader[] {
  return Array.isArray(list) ? list.filter((h): h is HarHeader => typeof h?.name === 'string' && typeof h.value === 'string') : [];
}

function headerValue(list: unknown, name: string): string | undefined {
  return headerList(list).find((h) => h.name.toLowerCase() === name)?.value;
}
