import { parse as parseHtml } from 'parse5';
import { describe, expect, it } from 'vitest';
import { check, cssString, entries, htmlAttribute, readCssString, wptCase, type WptCase } from './wpt-cases.js';

// Every input of the web-platform-tests URL data, on its base page served through the
// proxy: an input whose parsed host (the data's own `protocol`/`hostname`) is protected
// must come out proxied, every other unchanged. Through rw.url(), an `<a href>` in HTML
// and a CSS `url("…")`.

const cases = entries.map(wptCase);
const runnable = cases.filter((c): c is Exclude<WptCase, { kind: 'skip' }> => c.kind !== 'skip');

describe('web-platform-tests urltestdata.json', () => {
  it('covers the data: most entries run, many of them reach a protected host', () => {
    expect(entries.length).toBeGreaterThan(850);
    expect(runnable.length).toBeGreaterThan(700);
    expect(runnable.filter((c) => c.kind === 'proxied').length).toBeGreaterThan(140);
  });

  describe('through rw.url()', () => {
    it.each(runnable.map((c) => [c.kind, c.entry.input, c.entry.base, c] as const))('%s: %j on %s', (_kind, input, _base, c) => {
      expect(check(c, c.rw.url(input))).toBeNull();
    });
  });

  /** Inputs whose output does not parse to what the URL parser makes of the input, proxied or not. */
  function failures(run: (c: (typeof runnable)[number]) => string | null | undefined): string[] {
    const out: string[] = [];
    for (const c of runnable) {
      const got = run(c);
      if (got === undefined) continue;
      const why = got === null ? 'no value found in the output' : check(c, got);
      if (why !== null) out.push(c.entry.input);
    }
    return out;
  }

  it('through an <a href> in HTML (the value HTML-escaped)', () => {
    const found = failures((c) => {
      // `javascript:` URLs go to the JS rules (DESIGN rule 1), not the URL rule.
      if (/^[\x00-\x20]*javascript:/i.test(c.entry.input)) return undefined;
      const attr = htmlAttribute(c.entry.input);
      if (attr === null) return undefined;
      const doc = parseHtml(c.rw.rewriteHtml(`<!doctype html><p><a href="${attr}">x</a>`));
      const html = doc.childNodes.find((n) => n.nodeName === 'html') as unknown as Element;
      return findHref(html);
    });
    expect(found).toEqual([]);
  });

  it('through CSS url("…") (the value CSS-escaped)', () => {
    const found = failures((c) => {
      const body = cssString(c.entry.input);
      if (body === null) return undefined;
      const css = c.rw.rewriteCss(`a{background:url("${body}")}`);
      const at = css.indexOf('url("');
      return at === -1 ? null : readCssString(css, at + 4);
    });
    expect(found).toEqual([]);
  });
});

interface Element {
  readonly nodeName: string;
  readonly attrs?: { name: string; value: string }[];
  readonly childNodes?: Element[];
}

function findHref(node: Element): string | null {
  if (node.nodeName === 'a') return node.attrs?.find((a) => a.name === 'href')?.value ?? null;
  for (const child of node.childNodes ?? []) {
    const found = findHref(child);
    if (found !== null) return found;
  }
  return null;
}
