import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_LIMITS } from '../../../src/files/file-facts.js';
import { extractText } from '../../../src/files/inspect/index.js';
import { clues, utf8 } from './build-files.js';

const SSN = /\b\d{3}-\d{2}-\d{4}\b/;
const text = async (body: string | Uint8Array, name: string, type: string | null = null, limits = DEFAULT_FILE_LIMITS) =>
  extractText(typeof body === 'string' ? utf8(body) : body, clues(name, type), limits);

describe('plain text, CSV, TSV', () => {
  it('reads a UTF-16LE CSV with a BOM', async () => {
    const csv = 'Item,Note\r\nEmployee SSN,123-45-6789\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(csv, 'utf16le'))]);
    expect(await text(bytes, 'data.csv', 'text/csv')).toEqual({ text: csv, cannotInspect: null });
  });

  it('cuts a text over the character limit and says so; a text at the limit is whole', async () => {
    const limits = { ...DEFAULT_FILE_LIMITS, inspectChars: 20 };
    expect(await text('a'.repeat(20), 'a.txt', null, limits)).toEqual({ text: 'a'.repeat(20), cannotInspect: null });
    expect(await text('b'.repeat(19) + 'é' + 'c', 'b.txt', null, limits)).toEqual({ text: 'b'.repeat(19) + 'é', cannotInspect: 'too-much-text' });
  });

  it('reads nothing of a file over the inspection byte limit', async () => {
    expect(await text('x'.repeat(101), 'a.txt', null, { ...DEFAULT_FILE_LIMITS, inspectBytes: 100 })).toEqual({ text: '', cannotInspect: 'too-large' });
    expect((await text('x'.repeat(100), 'a.txt', null, { ...DEFAULT_FILE_LIMITS, inspectBytes: 100 })).cannotInspect).toBeNull();
  });

  it('reads an image as nothing to inspect', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await extractText(png, clues('a.png', 'image/png', 'image/png'), DEFAULT_FILE_LIMITS)).toEqual({ text: '', cannotInspect: null });
  });
});

describe('JSON', () => {
  it('decodes escapes in string values, so escaped digits are found', async () => {
    const { text: t, cannotInspect } = await text('{"ssn": "\\u0031\\u0032\\u0033-45-6789", "note": "line\\nbreak \\"quoted\\""}', 'a.json');
    expect(cannotInspect).toBeNull();
    expect(t.split('\n')).toEqual(['ssn', '123-45-6789', 'note', 'line', 'break "quoted"']);
    expect(t).toMatch(SSN);
  });

  it('reads keys and values in document order, duplicate keys included (JSON.parse would keep only the last)', async () => {
    const { text: t } = await text('{"a": "123-45-6789", "a": "hidden by the parser", "\\u0062": [1, -2.5e3, true, null]}', 'a.json');
    expect(t.split('\n')).toEqual(['a', '123-45-6789', 'a', 'hidden by the parser', 'b', '1', '-2.5e3']);
  });

  it('reads a text that is not JSON as it is', async () => {
    const body = '{"ssn": "123-45-6789", oops}';
    expect(await text(body, 'a.json')).toEqual({ text: body, cannotInspect: null });
  });

  it('reads deeply nested JSON', async () => {
    const body = '['.repeat(100_000) + '"123-45-6789"' + ']'.repeat(100_000);
    expect((await text(body, 'a.json')).text).toBe('123-45-6789');
  });
});

describe('HTML', () => {
  it('decodes character references in text and attributes', async () => {
    const { text: t } = await text('<p>SSN &#x31;23-45-6789</p><img alt="&#49;&#50;3&#45;45-6789">', 'a.html');
    expect(t.split('\n')).toEqual(['SSN 123-45-6789', '123-45-6789']);
  });

  it('runs text through inline elements, ends lines at others, and reads script, style, template and comments', async () => {
    const html =
      '<!doctype html><title>T</title><div>Quarterly <b>revenue</b></div><div>next</div>' +
      '<script>var s = "<p>123-45-6789</p>";</script><style>p::after{content:"x"}</style>' +
      '<template><span>in template</span></template><!-- note 987-65-4321 --><a href="/q?x=1&amp;y=2">link</a>';
    const { text: t } = await text(html, 'page', 'text/html');
    expect(t.split('\n')).toEqual(['T', 'Quarterly revenue', 'next', 'var s = "<p>123-45-6789</p>";', 'p::after{content:"x"}', 'in template', 'link', ' note 987-65-4321 ', '/q?x=1&y=2']);
  });

  it('reads HTML nested deeper than any recursion would go', async () => {
    const html = '<div>'.repeat(50_000) + 'deep' + '</div>'.repeat(50_000);
    expect((await text(html, 'a.html')).text).toBe('deep');
  });
});

describe('XML', () => {
  it('decodes entities and character references, reads CDATA, attributes and comments', async () => {
    const xml = '<?xml version="1.0"?><r id="&#x31;23-45-6789"><a>Quarterly &amp; revenue</a><b><![CDATA[<x>]]></b><!--c--></r>';
    expect((await text(xml, 'a.xml')).text.split('\n')).toEqual(['Quarterly & revenue', '<x>', '123-45-6789', 'c']);
  });

  it('ends a line at each element, so neighbouring values do not run together', async () => {
    expect((await text('<row><a>123</a><b>45</b><c>6789</c></row>', 'a.xml')).text).toBe('123\n45\n6789');
  });

  it('reads a document that is not well-formed as it is, DTD entities included (never expanded)', async () => {
    const bomb = '<!DOCTYPE r [<!ENTITY a "123-45-6789"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>';
    expect(await text(bomb, 'a.xml')).toEqual({ text: bomb, cannotInspect: null });
    expect((await text('<a><b></a>', 'a.xml')).text).toBe('<a><b></a>');
  });
});
