import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_REFUSAL_MESSAGE, refusalFormat, uploadRefusal } from '../../../src/files/protect/index.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The elements of a parsed document, depth first (as a browser's parser builds the tree). */
function elements(node: Node): Element[] {
  const children = 'childNodes' in node ? node.childNodes : [];
  return children.flatMap((child) => ('tagName' in child ? [child, ...elements(child)] : elements(child)));
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

describe('refusalFormat: Accept negotiation (RFC 9110 §12.5.1)', () => {
  const cases: [string, string | readonly string[] | undefined, 'json' | 'html'][] = [
    ['no Accept header: any type, the page', undefined, 'html'],
    ['an empty Accept', '', 'html'],
    ['*/* alone: a tie nothing breaks (fetch() default)', '*/*', 'html'],
    ['Chrome navigation', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7', 'html'],
    ['Firefox navigation', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['application/json alone', 'application/json', 'json'],
    ['axios: JSON named, HTML only through */*', 'application/json, text/plain, */*', 'json'],
    ['jQuery dataType json', 'application/json, text/javascript, */*; q=0.01', 'json'],
    ['higher weight for JSON', 'text/html;q=0.5, application/json;q=0.9', 'json'],
    ['higher weight for HTML', 'text/html;q=0.9, application/json;q=0.5', 'html'],
    ['application/* over text/html', 'application/*, text/html;q=0.9', 'json'],
    ['text/* over application/*', 'application/*;q=0.5, text/*', 'html'],
    ['the most specific range sets the weight, even a lower one', 'application/json;q=0.2, application/*;q=1, text/html;q=0.5', 'html'],
    ['application/json refused (q=0) though */* accepts it', 'application/json;q=0, */*', 'html'],
    ['a +json type named (problem details)', 'application/problem+json', 'json'],
    ['a +json type preferred over HTML', 'application/vnd.api+json, text/html;q=0.9', 'json'],
    ['a +json type refused', 'application/problem+json;q=0, text/html;q=0.1', 'html'],
    ['equal weight and specificity: the one listed first (JSON)', 'application/json, text/html', 'json'],
    ['equal weight and specificity: the one listed first (HTML)', 'text/html, application/json', 'html'],
    ['a charset that matches the JSON sent', 'application/json;charset=UTF-8, text/html;q=0.5', 'json'],
    ['a charset the JSON is not sent in does not match it', 'application/json;charset=iso-8859-1, text/html;q=0.1', 'html'],
    ['case-insensitive type, subtype and q', 'Application/JSON;Q=0.8, TEXT/HTML;q=0.5', 'json'],
    ['an invalid qvalue makes its element malformed: ignored', 'application/json;q=2, text/html;q=0.1', 'html'],
    ['a non-numeric qvalue, ignored', 'application/json;q=high, text/html;q=0.1', 'html'],
    ['junk elements ignored', 'nonsense, */json, ;;, application/json', 'json'],
    ['commas inside a quoted parameter do not split', 'application/vnd.x+json;note="a, text/html", text/html;q=0.5', 'json'],
    ['several header lines count as one list', ['text/html;q=0.1', 'application/json'], 'json'],
    ['nothing either way (image/png): the page', 'image/png', 'html'],
  ];
  for (const [what, accept, expected] of cases) {
    it(`${what}: ${expected}`, () => {
      expect(refusalFormat(accept)).toBe(expected);
    });
  }
});

describe('uploadRefusal', () => {
  const hostileMessage = 'Blocked by <script>alert("message")</script> & policy';
  const hostileName = '"><script>alert(1)</script>\'.docx';

  it('answers a browser with a 403 HTML page that escapes the message and the file name', () => {
    const refusal = uploadRefusal({ accept: 'text/html,*/*;q=0.8', fileName: hostileName, message: hostileMessage });
    expect(refusal.status).toBe(403);
    expect(refusal.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = refusal.body.toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    // Read as the browser reads it: the text is the message, no script element exists.
    const doc = parse(html);
    const all = elements(doc);
    expect(all.filter((e) => e.tagName === 'script')).toEqual([]);
    expect(all.find((e) => e.tagName === 'title')?.childNodes.map(textOf).join('')).toBe('Upload blocked');
    const paragraphs = all.filter((e) => e.tagName === 'p').map(textOf);
    expect(paragraphs).toEqual([hostileMessage, `File: ${hostileName}`]);
    expect(all.find((e) => e.tagName === 'meta')?.attrs).toEqual([{ name: 'charset', value: 'utf-8' }]);
    expect(all.find((e) => e.tagName === 'html')?.attrs).toEqual([{ name: 'lang', value: 'en' }]);
  });

  it('answers a script that prefers JSON with the error, the message and the file', () => {
    const refusal = uploadRefusal({ accept: 'application/json, text/plain, */*', fileName: hostileName, message: hostileMessage });
    expect(refusal.status).toBe(403);
    expect(refusal.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(refusal.body.toString('utf8'))).toEqual({ error: 'upload-blocked', message: hostileMessage, file: hostileName });
  });

  it('sends its length, is never stored, never sniffed, varies on Accept, and may load nothing', () => {
    for (const accept of ['application/json', 'text/html']) {
      const refusal = uploadRefusal({ accept, fileName: 'Übersicht.xlsx', message: 'Nein — nicht hochladen.' });
      expect(refusal.headers).toEqual({
        'content-type': accept === 'text/html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
        'content-length': String(refusal.body.length),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        vary: 'Accept',
        'content-security-policy': "default-src 'none'",
      });
      // The length is of the UTF-8 bytes, not of the characters.
      expect(refusal.body.toString('utf8')).toContain('Nein — nicht hochladen.');
      expect(refusal.body.length).toBeGreaterThan(refusal.body.toString('utf8').length);
    }
  });

  it('uses the default message when the rule has none', () => {
    const refusal = uploadRefusal({ accept: 'application/json', fileName: 'a.pdf', message: undefined });
    expect(JSON.parse(refusal.body.toString('utf8')).message).toBe(DEFAULT_UPLOAD_REFUSAL_MESSAGE);
  });

  it('writes a name with control characters made safe, and no name at all when it is unknown', () => {
    const named = uploadRefusal({ accept: 'application/json', fileName: 'a\r\nb.pdf', message: undefined });
    expect(JSON.parse(named.body.toString('utf8')).file).toBe('a__b.pdf');
    const unnamed = uploadRefusal({ accept: 'application/json', fileName: '', message: 'x' });
    expect(JSON.parse(unnamed.body.toString('utf8')).file).toBeNull();
    const page = uploadRefusal({ accept: undefined, fileName: '', message: 'x' });
    expect(elements(parse(page.body.toString('utf8'))).filter((e) => e.tagName === 'p').map(textOf)).toEqual(['x']);
  });
});
