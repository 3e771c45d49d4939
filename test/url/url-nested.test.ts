import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RewriteEvent } from '../../src/index.js';
import { parse, rewriter } from './helpers.js';

// DESIGN rule 2: URLs nested in a query or fragment, written out or percent-encoded, are
// proxied as their own parse says; the outer URL keeps every other byte.

const rw = rewriter();
const pub = rewriter({ publicScheme: 'http', publicPort: 8080 });

/** The value of query or fragment parameter `name` of `url`, decoded `times` times (as a server would). */
function param(url: string, name: string, times = 1): string {
  const u = parse(url) as URL;
  const fromQuery = u.searchParams.get(name);
  let v = fromQuery ?? new URLSearchParams(u.hash.slice(1)).get(name) ?? '';
  for (let i = 1; i < times; i++) v = decodeURIComponent(v);
  return v;
}

describe('nested in the query or fragment: proxied, encoded or not', () => {
  it.each([
    ['https://login.acme-docs.com/sso?return=https%3A%2F%2Fapp.acme-docs.com%2Fhome', 'return', 1],
    ['https://evil.org/?u=https://acme-docs.com/x', 'u', 1],
    ['https://evil.org/#next=https%3A%2F%2Fapp.acme-docs.com', 'next', 1],
    ['/r?to=%2F%2Facme-docs.com%2Fz', 'to', 1],
    ['/r?to=https%253A%252F%252Facme-docs.com%252F', 'to', 2],
    ['/r?to=https%25253A%25252F%25252Facme-docs.com', 'to', 3],
    // Spellings only a parser resolves, inside the nested value.
    ['https://r.other.org/?u=https%3A%2F%2Fapp%2Eacme-docs%2Ecom%2F', 'u', 1],
    ['https://r.other.org/?u=https%3A%2F%2Fu%40acme-docs.com%2F&x=1', 'u', 1],
    ['https://r.other.org/?u=https%3A%5C%5Cacme-docs.com%2F', 'u', 1],
    ['https://r.other.org/?u=https://%61cme-docs.com/', 'u', 1],
    ['https://r.other.org/?u=https%3A%2F%2F%EF%BD%81cme-docs.com%2F', 'u', 1],
    ['https://r.other.org/#next=https%253A%252F%252Fapp%252Eacme-docs%252Ecom', 'next', 2],
    // A URL whose own query nests another.
    ['/a?u=https%3A%2F%2Fevil.org%2F%3Fv%3Dhttps%253A%252F%252Facme-docs.com', 'u', 1],
  ] as const)('%j: parameter %s', (input, name, times) => {
    const out = rw.url(input);
    let nested = param(out, name, times);
    if (nested.includes('?v=')) nested = decodeURIComponent(new URL(nested).searchParams.get('v') as string);
    expect(parse(nested)?.hostname).toMatch(/acme-docs\.com\.proxy\.test$/);
    // The outer URL keeps its path (its host is the rule's own business, tested elsewhere).
    expect(parse(out)?.pathname).toBe(parse(input)?.pathname);
    expect(rw.url(out)).toBe(out);
  });

  it('edits nested values in their own encoding, the public scheme and port included', () => {
    expect(pub.url('/r?to=https%3A%2F%2Fa.acme-docs.com%2Fz')).toBe('/r?to=http%3A%2F%2Fa.acme-docs.com.proxy.test%3A8080%2Fz');
    expect(pub.url('/r?to=https%3a%2f%2fa.acme-docs.com')).toBe('/r?to=http%3a%2f%2fa.acme-docs.com.proxy.test%3a8080');
    expect(rw.url('https://r.org/?u=https%3A%5C%5Cacme-docs.com%2F&q=a%20b')).toBe('https://r.org/?u=https%3A%5C%5Cacme-docs.com.proxy.test%2F&q=a%20b');
  });

  it('reads lists, hash routes and quoted values', () => {
    for (const [input, count] of [
      ['/r?a=https://x.org,https://app.acme-docs.com', 1],
      ['/r?a=https://app.acme-docs.com;https://acme-docs.com/', 2],
      ['/#!/login?next=https://acme-docs.com/', 1],
      ['/#/r/(https://acme-docs.com/)', 1],
      ['/?q="https://acme-docs.com/"', 1],
      ['/r?u=https://[,https://acme-docs.com', 1],
    ] as const) {
      const out = rw.url(input);
      expect(out.split('acme-docs.com.proxy.test').length - 1, input).toBe(count);
    }
  });

  it('leaves nested values whose parse holds no protected host', () => {
    for (const input of [
      'https://evil.org/?u=https://acme-docs.com@evil.org',
      'https://evil.org/?u=https%3A%2F%2Facme-docs.com%40evil.org',
      'https://evil.org/?u=ftp://acme-docs.com/',
      'https://evil.org/?u=git+https://acme-docs.com/',
      'https://evil.org/?u=xhttps://acme-docs.com/',
      'https://evil.org/?u=/web/https://acme-docs.com/',
      'https://evil.org/?u=https%3A%2F%2Facme-docs.com%09.evil.org',
      'https://evil.org/?mail=me@acme-docs.com&host=acme-docs.com',
      'https://r.other.org/?u=https%3a%2f%2fother.org%2f&q=%E2%9C%93',
      'https://r.other.org/?bad=%E0%A4%A&u=x',
    ]) {
      expect(rw.url(input)).toBe(input);
    }
  });

  it('follows nesting to a bounded depth', () => {
    let v = 'https://acme-docs.com/';
    for (let i = 0; i < 12; i++) v = `https://r${i}.org/?u=${encodeURIComponent(v)}`;
    expect(() => rw.url(v)).not.toThrow();
    expect(rw.url('https://r.org/?u=' + encodeURIComponent('https://s.org/?v=' + encodeURIComponent('https://acme-docs.com/')))).toContain('acme-docs.com.proxy.test');
  });
});

describe('never throws, never fails open', () => {
  const events: RewriteEvent[] = [];
  const watched = rewriter({ onEvent: (e) => events.push(e) });

  it('handles lone surrogates and broken UTF-8 in nested parameters', () => {
    for (const input of [
      'https://evil.org/?u=https%3A%2F%2Facme-docs.com%2F\uD800',
      'https://evil.org/?u=https%3A%2F%2Facme-docs.com%2F%ED%A0%80',
      'https://evil.org/?u=https%3A%2F%2Facme-docs.com%2Fa\uDC00b',
      'https://evil.org/?u=https://acme-docs.com/\uD800x',
      'https://acme-docs.com/\uD800?u=%FF',
    ]) {
      const out = watched.url(input);
      expect(out).toContain('acme-docs.com.proxy.test');
    }
  });

  it('reports a protected host with no twin (a flat label over 63 characters), leaves it, and still proxies nested URLs', () => {
    const seen: RewriteEvent[] = [];
    const flat = rewriter({ scheme: 'flat', onEvent: (e) => seen.push(e) });
    const long = `${'a'.repeat(60)}.acme-docs.com`;
    const out = flat.url(`https://${long}/x?next=https%3A%2F%2Fapp.acme-docs.com%2F`);
    expect(out).toBe(`https://${long}/x?next=https%3A%2F%2Fapp-acme--docs-com.proxy.test%2F`);
    expect(seen.map((e) => e.type)).toEqual(['mapping-error']);
  });

  it('never throws, whatever the value', () => {
    const unit = fc.oneof(
      fc.constantFrom('https:', '//', '\\\\', '%2F', '%3A', '%', '%E3%80%82', '?', '#', '&', '=', ',', '@', ':', 'acme-docs.com', '.', '\t', 'ａ'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), (parts) => {
        const v = parts.join('');
        expect(typeof watched.url(v)).toBe('string');
      }),
      { numRuns: 3000 },
    );
    expect(events.filter((e) => e.type === 'url-error')).toEqual([]);
  });

  it('stays linear on long values full of refused nested starts', () => {
    const value = '/r?u=' + '(https://[,'.repeat(20000) + 'https://acme-docs.com/';
    const start = performance.now();
    const out = rw.url(value);
    expect(out.endsWith('https://acme-docs.com.proxy.test/')).toBe(true);
    // Generous: a quadratic walk over 200k characters takes minutes, a linear one milliseconds.
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
