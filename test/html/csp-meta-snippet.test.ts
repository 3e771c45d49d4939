import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { encodingForLabel, HtmlByteRewriter, prescanCharsetDeclaration } from '../../src/html/index.js';
import { runChunked, testContext } from './helpers.js';

/**
 * The snippet and a `<meta http-equiv="Content-Security-Policy">` that comes before the
 * page's `<meta charset>` (no charset in the HTTP header). A policy set by `<meta>` applies
 * from that element on (CSP3 §3.3), so the snippet, which otherwise waits until after the
 * charset declaration, must go before the policy: with a `<meta charset>` of ours first,
 * naming the encoding the page is decoded with, so the browser's prescan, which stops at
 * the first declaration (HTML §13.2.3.2), reads the same encoding early enough.
 */

const S = '<script>runtime()</script>';
const CSP = `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">`;

type Element = DefaultTreeAdapterMap['element'];

/** The children of `<head>` as the browser's tree builder makes them: `meta[charset]`, `meta[http-equiv]`, `script`, ... */
function headChildren(html: string): string[] {
  const doc = parse(html);
  const root = doc.childNodes.find((n) => n.nodeName === 'html') as Element;
  const head = root.childNodes.find((n) => n.nodeName === 'head') as Element;
  return head.childNodes.filter((n): n is Element => 'tagName' in n).map((e) => {
    const a = e.attrs.find((x) => x.name === 'charset' || x.name === 'http-equiv');
    return a === undefined ? e.tagName : `${e.tagName}[${a.name}=${a.value}]`;
  });
}

/** The page through the byte rewriter with the snippet (no HTTP charset unless given). */
function rewrite(page: string | Buffer, charset?: string, sizes?: number[]): Buffer {
  const bytes = typeof page === 'string' ? Buffer.from(page, 'latin1') : page;
  return runChunked(testContext(), bytes, sizes ?? [bytes.length], charset === undefined ? { snippet: S } : { snippet: S, charset });
}

/** The encoding the browser's prescan settles on for these bytes. */
function prescanned(bytes: Buffer): string | null {
  return encodingForLabel(prescanCharsetDeclaration(bytes)?.label);
}

describe('a Content-Security-Policy <meta> before the page\'s charset <meta>', () => {
  it('gets the snippet right before it, after a <meta charset> naming the encoding in use', () => {
    const page = `<!doctype html><html><head>${CSP}<meta charset="utf-8"><title>t</title></head><body>x</body></html>`;
    const out = rewrite(page);
    expect(out.toString('latin1')).toBe(`<!doctype html><html><head><meta charset="UTF-8">${S}${CSP}<meta charset="utf-8"><title>t</title></head><body>x</body></html>`);
    // The prescan stops at ours; the tree has the runtime in <head> before the policy.
    expect(prescanned(out)).toBe('UTF-8');
    expect(headChildren(out.toString('latin1'))).toEqual(['meta[charset=UTF-8]', 'script', 'meta[http-equiv=Content-Security-Policy]', 'meta[charset=utf-8]', 'title']);
  });

  it('names the encoding decoded with, not the page\'s label, and keeps the page\'s bytes', () => {
    const sjis = iconv.encode(`<head>${CSP}<meta charset="sjis"><title>\u65e5\u672c</title>`, 'Shift_JIS');
    const out = rewrite(sjis);
    expect(out.equals(Buffer.concat([Buffer.from(`<head><meta charset="Shift_JIS">${S}`), sjis.subarray(6)]))).toBe(true);
    expect(prescanned(out)).toBe('Shift_JIS');
    // An http-equiv content-type declaration and a label that is an alias.
    const koi = `<head>${CSP}<meta http-equiv="Content-Type" content="text/html; charset=koi8"><title>t</title>`;
    expect(rewrite(koi).toString('latin1')).toBe(`<head><meta charset="KOI8-R">${S}${koi.slice(6)}`);
    const latin = `<head>${CSP}<meta charset=latin1>`;
    expect(rewrite(latin).toString('latin1')).toBe(`<head><meta charset="windows-1252">${S}${latin.slice(6)}`);
  });

  it('reads http-equiv ASCII case-insensitively, as the HTML pragma does', () => {
    for (const name of ['content-security-policy', 'CONTENT-SECURITY-POLICY', 'Content-Security-Policy']) {
      const policy = `<meta http-equiv="${name}" content="script-src 'self'">`;
      const page = `<head>${policy}<meta charset="utf-8">`;
      expect(rewrite(page).toString('latin1'), name).toBe(`<head><meta charset="UTF-8">${S}${policy}<meta charset="utf-8">`);
    }
  });

  it('goes before the first policy only, once, and not again on a page rewritten before', () => {
    const page = `<head><title>t</title>${CSP}<link rel=stylesheet href=a.css>${CSP}<meta charset="utf-8"><script src=app.js></script>`;
    const out = rewrite(page).toString('latin1');
    expect(out).toBe(`<head><title>t</title><meta charset="UTF-8">${S}${CSP}<link rel=stylesheet href=a.css>${CSP}<meta charset="utf-8"><script src=app.js></script>`);
    expect(out.split(S).length - 1).toBe(1);
    expect(rewrite(out).toString('latin1')).toBe(out);
  });

  it('gets a <head> of its own where the snippet would have had one', () => {
    // No <head> tag: the policy is the first element, so the snippet's own <head> goes before it;
    // the tree builder still puts the policy in <head> (the "after head" rules for <meta>).
    const page = `<!doctype html>${CSP}<meta charset=utf-8><p>x`;
    const out = rewrite(page).toString('latin1');
    expect(out).toBe(`<!doctype html><head><meta charset="UTF-8">${S}</head>${CSP}<meta charset=utf-8><p>x`);
    expect(headChildren(out)).toEqual(['meta[charset=UTF-8]', 'script', 'meta[http-equiv=Content-Security-Policy]', 'meta[charset=utf-8]']);
  });

  it('does not count the page\'s declaration as moved past the prescan once ours is first, but counts ours', () => {
    const big = `<script>${'r();'.repeat(400)}</script>`;
    const ctx = testContext();
    const page = Buffer.from(`<head>${CSP}<meta charset="utf-8"><title>t</title>`);
    const out = runChunked(ctx, page, [page.length], { snippet: big });
    expect(out.toString()).toBe(`<head><meta charset="UTF-8">${big}${CSP}<meta charset="utf-8"><title>t</title>`);
    expect(prescanned(out)).toBe('UTF-8');
    expect(ctx.events.filter((e) => e.type === 'html-charset-meta-moved')).toEqual([]);
    // Rewrites before the policy push our declaration's end past byte 1,024: reported, at its end.
    const links = '<link rel=icon href="https://example.com/i">'.repeat(20);
    const near = Buffer.from(`<head>${links}${' '.repeat(1024 - 6 - links.length - CSP.length - 22)}${CSP}<meta charset="utf-8">`);
    expect(near.length).toBe(1024);
    const moved = testContext();
    const nearOut = runChunked(moved, near, [near.length], { snippet: S }).toString();
    const ours = '<meta charset="UTF-8">';
    const events = moved.events.filter((e) => e.type === 'html-charset-meta-moved');
    expect(events.length).toBe(1);
    expect((events[0] as { offset?: number }).offset).toBe(nearOut.indexOf(ours) + ours.length);
  });
});

describe('unchanged placements', () => {
  it('a charset <meta> first: the snippet goes after it, before the policy', () => {
    const page = `<head><meta charset="utf-8">${CSP}<title>t</title>`;
    expect(rewrite(page).toString('latin1')).toBe(`<head><meta charset="utf-8">${S}${CSP}<title>t</title>`);
    // Deferred past content to a later declaration, which still comes before the policy.
    const late = `<head><script src=a.js></script><meta charset="utf-8">${CSP}`;
    expect(rewrite(late).toString('latin1')).toBe(`<head><script src=a.js></script><meta charset="utf-8">${S}${CSP}`);
  });

  it('no charset <meta> at all, or the charset from HTTP or a BOM: the start of <head>, no declaration of ours', () => {
    const none = `<head>${CSP}<title>t</title>`;
    expect(rewrite(none).toString('latin1')).toBe(`<head>${S}${CSP}<title>t</title>`);
    const page = `<head>${CSP}<meta charset="utf-8">`;
    expect(rewrite(page, 'utf-8').toString('latin1')).toBe(`<head>${S}${page.slice(6)}`);
    expect(rewrite(`\ufeff${page}`.replace('\ufeff', '\u00ef\u00bb\u00bf')).toString('latin1')).toBe(`\u00ef\u00bb\u00bf<head>${S}${page.slice(6)}`);
  });

  it('a report-only policy <meta> (no pragma, ignored in <meta> by CSP3): placement as without it', () => {
    const ro = `<meta http-equiv="Content-Security-Policy-Report-Only" content="script-src 'self'">`;
    const page = `<head>${ro}<meta charset="utf-8"><title>t</title>`;
    expect(rewrite(page).toString('latin1')).toBe(`<head>${ro}<meta charset="utf-8">${S}<title>t</title>`);
  });

  it('without a snippet the page passes byte for byte', () => {
    const page = Buffer.from(`<head>${CSP}<meta charset="utf-8"><title>t</title>`);
    expect(runChunked(testContext(), page, [page.length]).equals(page)).toBe(true);
  });
});

describe('chunking', () => {
  const pages = [
    `<!doctype html><html><head>${CSP}<meta charset="utf-8"><title>t</title></head><body>x</body></html>`,
    `<!doctype html>\n${CSP}\n<meta charset=utf-8><p>x`,
    `<head><title>t</title><!-- c --><script>var u = "https://example.com/";</script>${CSP}<meta charset="utf-8"><a href="https://example.com/">`,
    `<head><meta http-equiv="content-security-policy" charset="utf-8" content="script-src 'self'"><title>t</title>`,
    `<head><meta charset="utf-8">${CSP}<title>t</title>`,
  ];

  it('places the snippet and the declaration identically for every split', () => {
    for (const page of pages) {
      const bytes = Buffer.from(page);
      const whole = rewrite(bytes);
      expect(whole.toString().split(S).length - 1).toBe(1);
      for (let i = 1; i < bytes.length; i++) expect(rewrite(bytes, undefined, [i, bytes.length]).equals(whole), `${page} at ${i}`).toBe(true);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 20 }), (sizes) => {
          expect(rewrite(bytes, undefined, sizes).equals(whole)).toBe(true);
        }),
        { numRuns: 100 },
      );
    }
  });

  it('a policy <meta> that is also the charset declaration gets the snippet before it', () => {
    const page = pages[3] as string;
    expect(rewrite(page).toString('latin1')).toBe(`<head><meta charset="UTF-8">${S}${page.slice(6)}`);
  });

  it('holds no more than before: the first output still comes once the prescan has decided', () => {
    const r = new HtmlByteRewriter(testContext(), { snippet: S });
    const head = Buffer.from(`<head>${CSP}<meta charset="utf-8">`);
    const pad = Buffer.from(`<p>${'x'.repeat(1100)}</p>`);
    const out = r.write(Buffer.concat([head, pad]));
    expect(out?.toString()).toContain(`<meta charset="UTF-8">${S}${CSP}`);
  });
});
