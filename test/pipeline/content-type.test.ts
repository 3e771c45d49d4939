import { describe, expect, it } from 'vitest';
import { bodyKindOf } from '../../src/pipeline/content-kind.js';
import { extractMimeType, parseMimeType } from '../../src/pipeline/mime-type.js';

// Expectations from WHATWG MIME Sniffing §4.4 "parse a MIME type" and Fetch §3.1.7
// "extract a MIME type" (the examples in the Fetch spec's table are reproduced below).
describe('parseMimeType', () => {
  it.each([
    ['text/html', 'text/html', {}],
    ['TEXT/HTML; Charset="UTF-8"', 'text/html', { charset: 'UTF-8' }],
    ['text/html;charset=gbk;charset=utf-8', 'text/html', { charset: 'gbk' }],
    ['text/html ; charset = utf-8', 'text/html', {}], // a space before '=' is part of the name: invalid, dropped
    ['text/html;charset="shift_jis"iso-2022-jp', 'text/html', { charset: 'shift_jis' }],
    ['text/html;charset="a\\"b"', 'text/html', { charset: 'a"b' }],
    ['text/html;charset=', 'text/html', {}],
    ['  application/json  ', 'application/json', {}],
  ])('%j parses to %s', (input, essence, params) => {
    const t = parseMimeType(input);
    expect(t?.essence).toBe(essence);
    expect(Object.fromEntries(t!.parameters)).toEqual(params);
  });

  it.each(['', 'text', 'text/', '/html', 'te xt/html', 'text/ht ml', 'text/html\u0000', 'tëxt/html'])('%j is a failure', (input) => {
    expect(parseMimeType(input)).toBeNull();
  });
});

describe('extractMimeType (Fetch)', () => {
  it.each([
    [['text/plain;charset=gbk, text/html'], 'text/html', undefined],
    [['text/html;charset=gbk;a=b, text/html;x=y'], 'text/html', 'gbk'],
    [['text/html;charset=gbk', 'text/html;x=y'], 'text/html', 'gbk'],
    [['text/html;charset=gbk', 'x/x', 'text/html;x=y'], 'text/html', undefined],
    [['text/html', 'cannot-parse'], 'text/html', undefined],
    [['text/html', '*/*'], 'text/html', undefined],
    [['text/html', ''], 'text/html', undefined],
  ])('%j → %s charset %s', (values, essence, charset) => {
    const t = extractMimeType(values);
    expect(t?.essence).toBe(essence);
    expect(t?.parameters.get('charset')).toBe(charset);
  });

  it('gives null when nothing parses', () => {
    expect(extractMimeType(undefined)).toBeNull();
    expect(extractMimeType(['nonsense', ''])).toBeNull();
  });
});

describe('bodyKindOf: the allowlist', () => {
  const kind = (s: string) => bodyKindOf(parseMimeType(s)!);
  it('dispatches HTML, XML, every JavaScript MIME type, JSON and CSS', () => {
    expect(kind('text/html; charset=utf-8')).toBe('html');
    for (const t of ['application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml', 'application/atom+xml']) expect(kind(t)).toBe('xml');
    // MIME Sniffing §4.6: the sixteen JavaScript MIME type essences.
    for (const t of ['application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript', 'text/ecmascript', 'text/javascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript', 'text/x-ecmascript', 'text/x-javascript']) {
      expect(kind(t)).toBe('js');
    }
    for (const t of ['application/json', 'text/json', 'application/manifest+json', 'application/ld+json', 'application/problem+json']) expect(kind(t)).toBe('json');
    expect(kind('text/css')).toBe('css');
  });

  it('passes everything else', () => {
    for (const t of ['text/plain', 'application/octet-stream', 'image/png', 'font/woff2', 'application/pdf', 'text/csv', 'application/wasm', 'text/javascript2', 'application/jsonp', 'text/event-stream', 'application/x-www-form-urlencoded']) {
      expect(kind(t)).toBe('pass');
    }
  });
});
