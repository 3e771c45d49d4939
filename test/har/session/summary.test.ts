import { describe, expect, it } from 'vitest';
import type { HarEntry } from '../../../src/har/har-types.js';
import { formatSummary, rewriteEntry, rewritePages } from '../../../src/har/session/index.js';
import { MAX_REDIRECTS, methodAfterRedirect, RedirectChains } from '../../../src/har/session/redirect-chains.js';
import { entry, testRun } from './helpers.js';

describe('redirect chains', () => {
  it('finds a chain that comes back to a request it made (Fetch stops such a chain at 20)', () => {
    const chains = new RedirectChains();
    expect(chains.redirect('p', 'GET', 'https://a.example.com/1', 302, 'https://a.example.com/2')).toBeNull();
    expect(chains.redirect('p', 'GET', 'https://a.example.com/2', 302, 'https://a.example.com/1#frag')).toEqual({
      kind: 'loop',
      chain: ['GET https://a.example.com/1', 'GET https://a.example.com/2', 'GET https://a.example.com/1'],
    });
  });

  it('tells two loads of one redirect, and POST/redirect/GET, from a loop', () => {
    const chains = new RedirectChains();
    expect(chains.redirect('p', 'GET', 'https://a.example.com/ui', 302, 'https://a.example.com/si')).toBeNull();
    expect(chains.redirect('p', 'GET', 'https://a.example.com/ui', 302, 'https://a.example.com/si')).toBeNull();
    // 303 after a POST: the next request is a GET of the same URL (Fetch "HTTP-redirect fetch" step 12).
    expect(chains.redirect('p', 'POST', 'https://a.example.com/form', 303, 'https://a.example.com/form')).toBeNull();
    // Pages are apart.
    expect(chains.redirect('q', 'GET', 'https://a.example.com/si', 302, 'https://a.example.com/ui')).toBeNull();
    expect(methodAfterRedirect('POST', 307)).toBe('POST');
    expect(methodAfterRedirect('PUT', 303)).toBe('GET');
    expect(methodAfterRedirect('POST', 301)).toBe('GET');
  });

  it('reports a chain longer than 20 redirects once', () => {
    const chains = new RedirectChains();
    const found = [];
    for (let i = 0; i < MAX_REDIRECTS + 3; i++) found.push(chains.redirect('', 'GET', `https://a.example.com/${i}`, 302, `https://a.example.com/${i + 1}`));
    expect(found.filter((f) => f !== null)).toEqual([{ kind: 'too-long', length: MAX_REDIRECTS + 1 }]);
  });
});

describe('the run: messy input reported, never fatal; the summary', () => {
  it('reports odd httpVersions, entries that are none, URLs that do not parse, and redirect loops', async () => {
    const run = testRun();
    const odd = entry({ url: 'https://app.example.com/' });
    odd.request.httpVersion = 'K';
    odd.response.httpVersion = 'me:';
    await rewriteEntry(odd, run);
    for (const version of ['h2', 'HTTP/1.1', 'http/2.0', '1.1', 'h3-29', '', 'unknown']) {
      const e = entry({ url: 'https://app.example.com/' });
      e.request.httpVersion = version;
      await rewriteEntry(e, run);
    }
    const broken = { request: {} } as unknown as HarEntry;
    expect(await rewriteEntry(broken, run)).toBe(broken);
    const badUrl = entry({ url: 'https://app.example.com/' });
    badUrl.request.url = 'not a url';
    expect(await rewriteEntry(badUrl, run)).toBe(badUrl);
    await rewriteEntry(entry({ url: 'https://app.example.com/a', status: 302, headers: [['Location', '/b']], pageref: 'page_1' }), run);
    await rewriteEntry(entry({ url: 'https://app.example.com/b', status: 302, headers: [['Location', 'https://app.example.com/a']], pageref: 'page_1' }), run);
    const summary = run.stats.summary();
    expect(summary.problems.byKind).toEqual({ 'http-version': 2, 'not-an-entry': 1, 'bad-url': 1, 'redirect-loop': 1 });
    expect(summary.problems.list.find((p) => p.kind === 'redirect-loop')).toMatchObject({ entry: 11 });
    expect(summary.entries.total).toBe(12);
  });

  it('counts rewrites by position and kind, fallbacks by event, bytes and escapes', async () => {
    const run = testRun({ escapesLeft: (e) => (e.request.url.includes('other.net') ? 2 : 0) });
    await rewriteEntry(entry({ url: 'https://app.example.com/a.js', headers: [['Content-Type', 'text/javascript']], text: 'var u = "https://app.example.com/x"; function (' }), run);
    await rewriteEntry(entry({ url: 'https://cdn.other.net/' }), run);
    const s = run.stats.summary();
    expect(s.rewrites).toMatchObject({ url: 1, host: 1, js: 1 });
    expect(s.fallbacks).toEqual({ 'js-fallback': 1 });
    expect(s.bytes.bodiesIn).toBe(Buffer.byteLength('var u = "https://app.example.com/x"; function ('));
    expect(s.bytes.bodiesOut - s.bytes.bodiesIn).toBe('.proxy.test'.length);
    expect(s.escapesLeft).toBe(2);
    expect(s.entries).toEqual({ total: 2, proxied: 1, changed: 1 });
    const lines = formatSummary(s);
    expect(lines[0]).toBe('entries: 2 (1 on protected hosts, 1 changed)');
    expect(lines).toContain('fallbacks: js-fallback 1');
    expect(lines).toContain('escapes left: 2');
    expect(lines).toContain('files: none');
    expect(lines.at(-1)).toMatch(/^time: \d+\.\d\d s, \d+\.\d\d MB\/s$/);
    expect(testRun().stats.summary().escapesLeft).toBeNull();
  });

  it('titles pages by their proxied URL when the title is the URL', () => {
    const run = testRun();
    const pages = [
      { startedDateTime: '2024-05-01T10:00:00Z', id: 'page_1', title: 'https://app.example.com/home', pageTimings: {} },
      { startedDateTime: '2024-05-01T10:00:00Z', id: 'page_2', title: 'app.example.com – Home', pageTimings: {} },
    ];
    const out = rewritePages(pages, run) as typeof pages;
    expect(out.map((p) => p.title)).toEqual(['https://app.example.com.proxy.test/home', 'app.example.com – Home']);
    expect(out[1]).toBe(pages[1]);
    expect(rewritePages(null, run)).toBeNull();
  });
});
