import { describe, expect, it } from 'vitest';
import { findRefreshUrl, rewriteLink, rewriteRefresh } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

const urlOf = (v: string) => {
  const at = findRefreshUrl(v);
  return at === null ? null : v.slice(at.start, at.end);
};

describe('findRefreshUrl (HTML shared declarative refresh steps)', () => {
  it('finds the URL in every spelling', () => {
    expect(urlOf('5; url=/a')).toBe('/a');
    expect(urlOf('5;URL=/a')).toBe('/a');
    expect(urlOf('  5 ,  Url =  /a ')).toBe('/a ');
    expect(urlOf("5; url='/a'b")).toBe('/a');
    expect(urlOf('5; url="/a')).toBe('/a');
    expect(urlOf('5.5; /a')).toBe('/a');
    expect(urlOf('.5 /a')).toBe('/a');
    expect(urlOf('5; "/q"')).toBe('/q');
    expect(urlOf('5; urn:x')).toBe('urn:x');
  });

  it('has no URL for a bare time and fails on garbage', () => {
    expect(urlOf('5')).toBeNull();
    expect(urlOf('5;  ')).toBeNull();
    expect(urlOf('x; url=/a')).toBeNull();
    expect(urlOf('5x; url=/a')).toBeNull();
    expect(urlOf('')).toBeNull();
  });

  it('still proxies URLs of a Refresh browsers would not parse', () => {
    const { ctx } = recordingContext();
    expect(rewriteRefresh(ctx, 'soon; url=https://app.example.com/')).toBe('soon; url=https://app.example.com.proxy.test/');
  });
});

describe('rewriteLink tolerance', () => {
  const { ctx } = recordingContext();
  it('rewrites an unclosed <uri> to the end', () => {
    expect(rewriteLink(ctx, '<https://app.example.com/a; rel=x')).toBe('<https://app.example.com.proxy.test/a; rel=x');
  });

  it('ignores < inside quoted strings and keeps escaped quotes', () => {
    expect(rewriteLink(ctx, '</a>; title="x \\" <https://app.example.com/>", <https://b.example.com/>'))
      .toBe('</a>; title="x \\" <https://app.example.com/>", <https://b.example.com.proxy.test/>');
  });

  it('an unquoted anchor is a URL too, and parameter names are case-insensitive', () => {
    expect(rewriteLink(ctx, '</a>; ANCHOR=https://app.example.com/x; rel=next'))
      .toBe('</a>; ANCHOR=https://app.example.com.proxy.test/x; rel=next');
  });

  it('survives garbage', () => {
    for (const v of ['', '<', '>', '"', '=', ';;,,', '<>', 'a=b=c', '; =', '"\\']) expect(rewriteLink(ctx, v + ' example.com')).toBe(v + ' example.com');
  });
});
