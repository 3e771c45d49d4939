import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evalJs, readCssString } from './code-string-values.js';
import { pageBase, parse, proxiedHref, reachesProtectedHost, rewriter, suffixTwin } from './helpers.js';

// The spellings of code-string-spellings.test.ts where a unit is too long to hold whole
// (past `maxBufferBytes`): JavaScript through the streaming lexical rewriter, a JSON or
// CSS string rewritten in windows, an inline `<script>` in HTML through the lexical
// fallback. The oracle is the URL parser on the value the code holds; the streams must
// give the same bytes for any chunking.

const CAP = 1024;
const rw = rewriter({ maxBufferBytes: CAP });
const base = pageBase();
const proxied = (value: string) => proxiedHref(value, base, suffixTwin);
/** `wss:` reads a host on any page (`https:host` is relative on an https one): the slashless cases use it. */
const sameHref = (out: string | undefined, value: string) => expect(parse(out ?? '')?.href, out).toBe(proxied(value));

/** The host a URL setter makes of `s` (the URL Standard's host parsing). */
function hostnameSetter(value: string): string {
  const u = new URL('https://page.invalid/');
  u.hostname = value;
  return u.hostname;
}

/** JavaScript literals (as written) and what the browser must fetch for the value each holds. */
const JS_CASES: Array<[literal: string, check: (value: string) => void]> = [
  ['"https:\\u{2f}\\u{2f}%61cme-docs.com/x"', (v) => sameHref(v, 'https://acme-docs.com/x')],
  ['"see https:\\57\\57acme-docs.com/x now"', (v) => sameHref(v.split(' ')[1], 'https://acme-docs.com/x')],
  ['"wss:%61cme-docs.com/x"', (v) => sameHref(v, 'wss://acme-docs.com/x')],
  ['"see wss:ａｃｍｅ-docs.com/x now"', (v) => sameHref(v.split(' ')[1], 'wss://acme-docs.com/x')],
  ['"ａｃｍｅ-docs.com"', (v) => expect(hostnameSetter(v)).toBe('acme-docs.com.proxy.test')],
  ['"\\u0061cme-docs.com"', (v) => expect(hostnameSetter(v)).toBe('acme-docs.com.proxy.test')],
  ['"https://other.org/?next=https%3A%2F%2F%61cme-docs.com%2Fx"', (v) => {
    expect(parse(v)?.host).toBe('other.org');
    sameHref(parse(v)?.searchParams.get('next') ?? '', 'https://acme-docs.com/x');
  }],
];

/** A script assigning each case to `x[i]`, padded past the cap. */
function script(): string {
  const pad = `var pad = ${JSON.stringify('p'.repeat(CAP))};\n`;
  return `var x = [];\n${pad}${JS_CASES.map(([lit], i) => `x[${i}] = ${lit};\n${pad}`).join('')}`;
}

function checkScript(out: string, only: (literal: string) => boolean = () => true): void {
  const x = evalJs(`${out}; x = x;`.replace(/^var x = \[\];/, 'x = [];')) as string[];
  JS_CASES.forEach(([lit, check], i) => {
    if (!only(lit)) return;
    try {
      check(x[i] as string);
    } catch (err) {
      throw new Error(`${lit} → ${JSON.stringify(x[i])}: ${(err as Error).message}`);
    }
  });
}

async function stream(transform: NodeJS.ReadWriteStream, bytes: Buffer, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from(chunks).pipe(transform).on('data', (c: Buffer) => out.push(c)).on('end', resolve).on('error', reject);
  });
  return Buffer.concat(out);
}

describe('the premises', () => {
  it('every JavaScript case holds a value that reaches a protected host', () => {
    const x = evalJs(`${script()}; x = x;`.replace(/^var x = \[\];/, 'x = [];')) as string[];
    expect(reachesProtectedHost(x[0] as string)).toBe(true);
    expect(reachesProtectedHost((x[1] as string).split(' ')[1] as string)).toBe(true);
    expect(reachesProtectedHost(x[2] as string)).toBe(true);
    expect(hostnameSetter(x[4] as string)).toBe('acme-docs.com');
    expect(reachesProtectedHost(parse(x[6] as string)?.searchParams.get('next') as string)).toBe(true);
  });
});

describe('JavaScript past the cap (the streaming lexical rewriter)', () => {
  it('each value parses to the proxied URL or host, the same bytes for any chunking', async () => {
    const source = Buffer.from(script(), 'utf8');
    const outs = await Promise.all([1, 7, 64, 4096].map((size) => stream(rw.js(), source, size)));
    for (const out of outs) expect(out.equals(outs[0] as Buffer)).toBe(true);
    checkScript((outs[0] as Buffer).toString('utf8'));
  });
});

describe('an inline script past the cap (the HTML lexical fallback)', () => {
  it('each value written in ASCII parses to the proxied URL or host', async () => {
    const html = `<!doctype html><html><head></head><body><script>${script()}</script></body></html>`;
    const out = rw.rewriteHtml(html);
    // The fallback sees the page's bytes in the streams, its characters in the string
    // helpers: past ASCII it reads by the text scan alone (README, known limits).
    checkScript(/<script>([\s\S]*)<\/script>/.exec(out)?.[1] as string, (literal) => !/[^\x00-\x7f]/.test(literal));
    const streamed = await Promise.all([1, 13, 4096].map((size) => stream(rw.html(), Buffer.from(html, 'utf8'), size)));
    for (const s of streamed) expect(s.toString('utf8')).toBe(out);
  });
});

/** Prose long enough to be windowed, the URLs spread through it. */
function longProse(urls: string[]): string {
  const pad = ' lorem ipsum dolor'.repeat(CAP / 16);
  return urls.map((u) => `see ${u} now.${pad}`).join('');
}

const PROSE_URLS: Array<[written: string, value: string]> = [
  ['https:\\u002F\\u002F%61cme-docs.com/x', 'https://acme-docs.com/x'],
  ['wss:%61cme-docs.com/y', 'wss://acme-docs.com/y'],
  ['wss:\\uff41cme-docs.com/z', 'wss://acme-docs.com/z'],
  ['https://other.org/?next=https%3A%2F%2F%61cme-docs.com%2Fw', 'https://other.org/?next=https%3A%2F%2Facme-docs.com.proxy.test%2Fw'],
];

/** The URL tokens of a prose value, after each `see `. */
const tokens = (value: string) => value.split('see ').slice(1).map((part) => part.split(' ')[0] as string);

function checkTokens(value: string): void {
  const found = tokens(value);
  expect(found.length).toBe(PROSE_URLS.length);
  PROSE_URLS.forEach(([, expected], i) => {
    if (expected.includes('proxy.test')) {
      expect(parse(parse(found[i] as string)?.searchParams.get('next') ?? '')?.href, found[i]).toBe('https://acme-docs.com.proxy.test/w');
      expect(parse(found[i] as string)?.host).toBe('other.org');
    } else {
      sameHref(found[i], expected);
    }
  });
}

describe('a JSON string past the cap (rewritten in windows)', () => {
  it('each URL in it parses to the proxied URL, the same bytes from the stream for any chunking', async () => {
    const json = `["${longProse(PROSE_URLS.map(([w]) => w))}"]`;
    expect(json.length).toBeGreaterThan(3 * CAP);
    const out = rw.rewriteJson(json);
    checkTokens(JSON.parse(out)[0]);
    for (const size of [1, 7, 4096]) expect((await stream(rw.json(), Buffer.from(json), size)).toString('utf8')).toBe(out);
  });
});

describe('a CSS string past the cap (rewritten in windows)', () => {
  it('each URL in it parses to the proxied URL, the same bytes from the stream for any chunking', async () => {
    // The CSS spellings of the same URLs: `\2f ` for a slash, `\ff41 ` for a full-width letter.
    const css = `a{--t:"${longProse(['https:\\2f \\2f %61cme-docs.com/x', 'wss:%61cme-docs.com/y', 'wss:\\ff41 cme-docs.com/z', 'https://other.org/?next=https%3A%2F%2F%61cme-docs.com%2Fw'])}"}`;
    const out = rw.rewriteCss(css);
    checkTokens(readCssString(out));
    for (const size of [1, 7, 4096]) expect((await stream(rw.css(), Buffer.from(css), size)).toString('utf8')).toBe(out);
  });
});
