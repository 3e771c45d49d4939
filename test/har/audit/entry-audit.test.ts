import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEntries, EscapeFinder } from '../../../src/har/audit/index.js';
import type { SpilledText } from '../../../src/har/har-types.js';
import { brief, escapesOf, harEntry, PROTECTED } from './entries.js';

const RAW = 'https://app.example.com/page';

// RFC 9110 (Location, Content-Location), RFC 8288 (Link), the HTML standard (Refresh),
// CSP 3, Fetch (Access-Control-Allow-Origin), RFC 6265 (Domain); DESIGN.md rule 5 and 6.
describe('response headers, cookies and the redirect', () => {
  const headers = (list: Array<[string, string]>, extra = {}) => escapesOf({ contentType: 'text/plain', headers: list, ...extra });

  it('finds URL headers naming a protected host', () => {
    expect(brief(headers([
      ['Location', 'https://app.example.com/next'],
      ['Content-Location', '//app.example.com/c'],
      ['Link', '<https://cdn.example.com/a.css>; rel=preload; as=style, </b.js>; rel=preload'],
      ['Refresh', '5; url=https://www.example.com/'],
      ['Content-Security-Policy', "default-src 'self' *.example.com https://cdn.example.com:443; report-uri https://csp.example.com/r"],
      ['Access-Control-Allow-Origin', 'https://app.example.com'],
      ['Timing-Allow-Origin', 'https://other.org, https://www.example.com'],
      ['Reporting-Endpoints', 'default="https://reports.example.com/r"'],
    ]))).toEqual([
      'header header Location app.example.com', 'header header Content-Location app.example.com', 'header header Link cdn.example.com',
      'header header Refresh www.example.com', 'header header Content-Security-Policy *.example.com', 'header header Content-Security-Policy cdn.example.com',
      'header header Content-Security-Policy csp.example.com', 'header header Access-Control-Allow-Origin app.example.com',
      'header header Timing-Allow-Origin www.example.com', 'header header Reporting-Endpoints reports.example.com',
    ]);
  });

  it('leaves relative and proxied values, other hosts and headers that hold no URL', () => {
    expect(headers([
      ['Location', '/next'], ['Location', 'https://app.example.com.proxy.test/next'], ['Link', '</a.css>; rel=preload'],
      ['Content-Security-Policy', "default-src 'self' *.example.com.proxy.test https://other.org 'nonce-abc'"],
      ['Access-Control-Allow-Origin', '*'], ['X-Note', 'https://app.example.com/'], ['Server', 'app.example.com'],
    ])).toEqual([]);
  });

  it('finds cookie domains of protected hosts, in Set-Cookie and in the HAR cookies', () => {
    expect(brief(headers([
      ['Set-Cookie', 'sid=1; Domain=.example.com; Path=/; Secure'],
      ['Set-Cookie', 'a=1; Path=/'], // host-only
      ['Set-Cookie', 'b=1; Domain=example.com.proxy.test'],
      ['Set-Cookie', 'c=1; Domain=other.org'],
      ['Set-Cookie', 'd=1; Domain=app.example.com; Domain='], // an empty Domain is ignored: the earlier one stands
    ], { cookies: [{ name: 'sid', value: '1', domain: '.example.com' }, { name: 'x', value: '2' }, { name: 'y', value: '3', domain: 'app.example.com.proxy.test' }] }))).toEqual([
      'cookie-domain header Set-Cookie example.com', 'cookie-domain header Set-Cookie app.example.com', 'cookie-domain cookies[0].domain example.com',
    ]);
  });

  it('finds the HAR redirectURL, and its nested return URL', () => {
    expect(brief(escapesOf({ status: 302, contentType: 'text/plain', redirectURL: 'https://app.example.com/home' }))).toEqual(['redirect response.redirectURL app.example.com']);
    expect(brief(escapesOf({ status: 302, contentType: 'text/plain', redirectURL: 'https://sso.org/login?next=https%3A%2F%2Fapp.example.com%2F' }))).toEqual(['redirect response.redirectURL app.example.com']);
    expect(escapesOf({ status: 302, contentType: 'text/plain', redirectURL: '/home' })).toEqual([]);
  });
});

describe('the request', () => {
  it('finds a request that went to the protected host itself, and its Host, Origin and Referer', () => {
    expect(brief(escapesOf({
      url: RAW, contentType: 'text/plain',
      requestHeaders: [['Host', 'app.example.com:443'], [':authority', 'app.example.com'], ['Origin', 'https://www.example.com'], ['Referer', 'https://www.example.com/p?q=1'], ['Accept', '*/*']],
    }))).toEqual([
      'request-url request.url app.example.com', 'request-header request header Host app.example.com', 'request-header request header :authority app.example.com',
      'request-header request header Origin www.example.com', 'request-header request header Referer www.example.com',
    ]);
  });

  it('leaves the request of a proxied session, and a referer from elsewhere', () => {
    expect(escapesOf({
      contentType: 'text/plain',
      requestHeaders: [['Host', 'app.example.com.proxy.test'], ['Origin', 'https://app.example.com.proxy.test'], ['Referer', 'https://search.org/?q=app.example.com']],
    })).toEqual([]);
  });

  it('does not audit entries the proxy does not serve', () => {
    const finder = new EscapeFinder(PROTECTED);
    const audit = finder.entry(harEntry({ url: 'https://cdn.other.org/lib.js', contentType: 'text/javascript', text: 'var u = "https://app.example.com/";', requestHeaders: [['Referer', 'https://app.example.com/']] }), 3);
    expect(audit).toMatchObject({ escapes: [], proxied: false, body: 'not-proxied' });
  });
});

describe('bodies', () => {
  const finder = new EscapeFinder(PROTECTED);
  const audit = (shape: Parameters<typeof harEntry>[0]) => finder.entry(harEntry(shape), 0);
  const page = '<a href="https://app.example.com/x">x</a>';

  it('decodes base64 bodies, by the HTTP charset', () => {
    const latin1 = Buffer.from('<p title="café">\n<a href="https://app.example.com/x">x</a>', 'latin1');
    const result = audit({ contentType: 'text/html; charset=windows-1252', text: latin1.toString('base64'), encoding: 'base64' });
    expect(brief(result.escapes)).toEqual(['html-attr a[href] app.example.com']);
    expect(result.escapes[0].line).toBe(2);
  });

  it('skips binary bodies, and types the browser neither runs nor renders as markup', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('https://app.example.com/')]);
    expect(audit({ contentType: 'text/html', text: png.toString('base64'), encoding: 'base64' })).toMatchObject({ escapes: [], body: 'binary' });
    expect(audit({ contentType: 'text/plain', text: page })).toMatchObject({ escapes: [], body: 'other-type' });
    expect(audit({ contentType: 'image/svg+xml', text: Buffer.from(page).toString('base64'), encoding: 'base64' }).escapes).toHaveLength(1);
  });

  it('sniffs a body without a type for HTML, unless nosniff', () => {
    expect(audit({ contentType: '', text: `<!DOCTYPE html>${page}` }).escapes).toHaveLength(1);
    expect(audit({ contentType: '', text: `<!DOCTYPE html>${page}`, headers: [['X-Content-Type-Options', 'nosniff']] }).escapes).toEqual([]);
  });

  it('does not read attachments or bodies that cannot exist, and reads a 304 (the cached body the browser shows)', () => {
    expect(audit({ text: page, headers: [['Content-Disposition', 'attachment; filename="a.html"']] })).toMatchObject({ escapes: [], body: 'attachment' });
    expect(audit({ text: page, status: 204 }).escapes).toEqual([]);
    expect(audit({ text: page, method: 'HEAD' }).escapes).toEqual([]);
    expect(audit({ text: page, status: 304 }).escapes).toHaveLength(1);
  });

  it('reads text marked base64 that is not base64 as text', () => {
    expect(audit({ text: page, encoding: 'base64' }).escapes).toHaveLength(1);
  });

  describe('spilled bodies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spr-audit-test-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const spill = (name: string, text: string): SpilledText => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return { spilled: true, path, chars: text.length, bytes: Buffer.byteLength(text) };
    };

    it('reads a body from its temp file', () => {
      expect(brief(audit({ contentType: 'text/css', text: spill('a.css', '.a{background:url(https://img.example.com/a.png)}') }).escapes)).toEqual(['css-url stylesheet img.example.com']);
    });

    it('reads up to the cap and says the audit is truncated', () => {
      const filler = '/* ' + 'x'.repeat(2000) + ' */\n';
      const text = `.a{background:url(https://img.example.com/a.png)}\n${filler}.b{background:url(https://late.example.com/b.png)}`;
      const capped = new EscapeFinder({ ...PROTECTED, maxBodyBytes: 1024 }).entry(harEntry({ contentType: 'text/css', text: spill('b.css', text) }), 0);
      expect(brief(capped.escapes)).toEqual(['css-url stylesheet img.example.com']);
      expect(capped.body).toBe('truncated');
      expect(capped.notes.join()).toContain('truncated audit');
    });

    it('reports an unreadable temp file instead of failing', () => {
      const gone: SpilledText = { spilled: true, path: join(dir, 'missing.txt'), chars: 10, bytes: 10 };
      expect(audit({ text: gone })).toMatchObject({ escapes: [], body: 'unreadable' });
    });
  });
});

describe('a run over entries', () => {
  it('counts escapes by kind and host, entries and bodies', async () => {
    const entries = [
      harEntry({ url: RAW, text: '<a href="https://www.example.com/">w</a>' }),
      harEntry({ url: 'https://third.org/x', text: '<a href="https://app.example.com/">x</a>' }),
      harEntry({ contentType: 'image/png', text: 'AAAA', encoding: 'base64' }),
    ].map((entry, index) => ({ index, entry }));
    const heard: number[] = [];
    const result = await auditEntries(entries, { ...PROTECTED, onEscapes: (list) => heard.push(list.length) });
    expect(result.summary).toMatchObject({ entries: 3, proxied: 2, escapes: 2, entriesWithEscapes: 1, byHost: { 'app.example.com': 1, 'www.example.com': 1 } });
    expect(result.summary.byKind).toMatchObject({ 'request-url': 1, 'html-attr': 1, 'css-url': 0 });
    expect(result.summary.bodies).toEqual({ read: 1, binary: 1 });
    expect(heard).toEqual([2]);
  });

  it('keeps at most maxListed escapes in the list, and counts them all', async () => {
    const entries = [harEntry({ text: '<a href="https://a.example.com/">a</a><a href="https://b.example.com/">b</a>' })].map((entry, index) => ({ index, entry }));
    const result = await auditEntries(entries, { ...PROTECTED, maxListed: 1 });
    expect(result.summary.escapes).toBe(2);
    expect(result.escapes).toHaveLength(1);
    expect(result.listTruncated).toBe(true);
  });
});
