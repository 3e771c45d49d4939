import { describe, expect, it } from 'vitest';
import { prescanCharset, refreshUrl, scriptKind, sniffCharset, srcsetUrls } from '../../src/html/index.js';
import { spliceValue } from '../../src/html/attribute-splice.js';

const urls = (v: string) => srcsetUrls(v).map((u) => v.slice(u.start, u.end));

describe('srcset (WHATWG)', () => {
  it('splits candidates, keeps commas inside URLs, strips trailing commas', () => {
    expect(urls('a.jpg 1x, b.jpg 2x')).toEqual(['a.jpg', 'b.jpg']);
    expect(urls('https://x/a,b.jpg 1x,https://x/c.jpg')).toEqual(['https://x/a,b.jpg', 'https://x/c.jpg']);
    // A comma inside the run is part of the URL: a browser fetches `a.jpg,b.jpg`.
    expect(urls('a.jpg,b.jpg 2x')).toEqual(['a.jpg,b.jpg']);
    expect(urls('a.jpg, b.jpg,, c.jpg,')).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(urls(' , a.jpg (x, y) 100w , b.jpg')).toEqual(['a.jpg', 'b.jpg']);
    expect(urls('')).toEqual([]);
  });
});

describe('meta refresh (WHATWG)', () => {
  const url = (v: string) => { const r = refreshUrl(v); return r && v.slice(r.start, r.end); };
  it('finds the URL in every spelling', () => {
    expect(url('5; url=https://a/')).toBe('https://a/');
    expect(url("0;URL='https://a/b'")).toBe('https://a/b');
    expect(url('0, https://a/c')).toBe('https://a/c');
    expect(url('1 url = "https://a/d" trailing')).toBe('https://a/d');
    expect(url('0;urlhttps://a/')).toBe('urlhttps://a/');
    expect(url('5')).toBe(null);
    expect(url('x; url=https://a/')).toBe(null);
  });
});

describe('script kinds', () => {
  it('classifies by type and language', () => {
    expect(scriptKind(null, null)).toBe('classic');
    expect(scriptKind('', null)).toBe('classic');
    expect(scriptKind('Text/JavaScript', null)).toBe('classic');
    expect(scriptKind('module', null)).toBe('module');
    expect(scriptKind('importmap', null)).toBe('json');
    expect(scriptKind('application/ld+json', null)).toBe('json');
    expect(scriptKind('text/x-handlebars-template', null)).toBe('unknown');
    expect(scriptKind(null, 'vbscript')).toBe('unknown');
  });
});

describe('charset sniffing', () => {
  const b = (s: string) => Buffer.from(s, 'latin1');
  it('prescans meta charset and http-equiv content-type, skipping comments and other tags', () => {
    expect(prescanCharset(b('<meta charset="Shift_JIS">'))).toBe('shift_jis');
    expect(prescanCharset(b('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'))).toBe('gb2312');
    expect(prescanCharset(b('<meta content="text/html; charset=koi8-r">'))).toBe(null);
    expect(prescanCharset(b('<!-- <meta charset=utf-8> --><meta charset=iso-8859-2>'))).toBe('iso-8859-2');
    expect(prescanCharset(b('<div title="<meta charset=utf-8>"><meta charset=windows-1251>'))).toBe('windows-1251');
    expect(prescanCharset(b(' '.repeat(1030) + '<meta charset=utf-8>'))).toBe(null);
  });

  it('orders BOM, HTTP charset, prescan, default', () => {
    expect(sniffCharset(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]), 'iso-8859-2', true)?.encoding).toBe('UTF-8');
    expect(sniffCharset(b('<meta charset=utf-8>'), 'latin1', true)?.encoding).toBe('windows-1252');
    expect(sniffCharset(b('<meta charset=utf-16>'), undefined, true)?.encoding).toBe('UTF-8');
    expect(sniffCharset(b('<p>'), undefined, true)).toEqual({ encoding: 'windows-1252', source: 'default' });
    expect(sniffCharset(b('<p>'), undefined, false)).toBe(null);
  });
});

describe('attribute value splicing', () => {
  it('splices only the changed stretch and keeps references', () => {
    expect(spliceValue('a&amp;b', '"', 'a&b', 'a&bX', 'unicode')).toBe('"a&amp;bX"');
    expect(spliceValue('x', "'", 'x', "x'y", 'unicode')).toBe(`'x&#39;y'`);
    expect(spliceValue('x', '', 'x', 'x y', 'unicode')).toBe('"x y"');
    expect(spliceValue('a', '"', 'a', 'a&copy b', 'unicode')).toBe('"a&amp;copy b"');
    expect(spliceValue('a', '"', 'a', 'a&r=1', 'unicode')).toBe('"a&r=1"');
    expect(spliceValue('a', '"', 'a', 'a\u00e9', 'ascii')).toBe('"a&#xe9;"');
  });
});
