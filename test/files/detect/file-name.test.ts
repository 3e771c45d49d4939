import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_NAME, extensionOf, fileNameOf, isAttachment } from '../../../src/files/detect/index.js';

// Header values as Node and Fetch hand them over: one character per byte.
const bytes = (utf8: string) => Buffer.from(utf8, 'utf8').toString('latin1');
const URL_NAME = 'from-url.bin';
const url = `https://app.example.com/files/${URL_NAME}`;
const nameOf = (header: string) => fileNameOf(header, url);

/**
 * RFC 6266 Appendix D, and the cases of Julian Reschke's test suite
 * (http://test.greenbytes.de/tech/tc2231/, named as there). Where tc2231 says "ignore the
 * header" but Chrome saves under a name (its unit test net/http/
 * http_content_disposition_unittest.cc, which lists the same cases), the expectation is
 * Chrome's: the name the user ends up with. Where it ignores the header, the URL names
 * the file (`from-url.bin`).
 */
describe('fileNameOf: RFC 6266 Appendix D', () => {
  it.each([
    ['Attachment; filename=example.html', 'example.html', true],
    ['INLINE; FILENAME= "an example.html"', 'an example.html', false],
    ["attachment; filename*= UTF-8''%e2%82%ac%20rates", '€ rates', true],
    ['attachment; filename="EURO rates"; filename*=utf-8\'\'%e2%82%ac%20rates', '€ rates', true],
  ])('%s', (header, name, attachment) => {
    expect(nameOf(header)).toBe(name);
    expect(isAttachment(header)).toBe(attachment);
  });
});

describe('fileNameOf: tc2231, valid headers (the RFC reading)', () => {
  it.each([
    ['inlwithasciifilename', 'inline; filename="foo.html"', 'foo.html'],
    ['inlwithfnattach', 'inline; filename="Not an attachment!"', 'Not an attachment!'],
    ['inlwithasciifilenamepdf', 'inline; filename="foo.pdf"', 'foo.pdf'],
    ['attwithasciifilename', 'attachment; filename="foo.html"', 'foo.html'],
    ['attwithasciifilename35', 'attachment; filename="00000000001111111111222222222233333"', '00000000001111111111222222222233333'],
    ['attwithasciifnescapedchar', 'attachment; filename="f\\oo.html"', 'foo.html'],
    ['attwithasciifnescapedquote', 'attachment; filename="\\"quoting\\" tested.html"', '"quoting" tested.html'],
    ['attwithquotedsemicolon', 'attachment; filename="Here\'s a semicolon;.html"', "Here's a semicolon;.html"],
    ['attwithfilenameandextparam', 'attachment; foo="bar"; filename="foo.html"', 'foo.html'],
    ['attwithfilenameandextparamescaped', 'attachment; foo="\\"\\\\";filename="foo.html"', 'foo.html'],
    ['attwithasciifilenameucase', 'attachment; FILENAME="foo.html"', 'foo.html'],
    ['attwithasciifilenamenq', 'attachment; filename=foo.html', 'foo.html'],
    ['attwithfntokensq', "attachment; filename='foo.bar'", "'foo.bar'"],
    ['attwithisofnplain (ISO-8859-1 byte E4)', 'attachment; filename="foo-\u00e4.html"', 'foo-ä.html'],
    ['attwithfnrawpctenca (no percent-decoding)', 'attachment; filename="foo-%41.html"', 'foo-%41.html'],
    ['attwithfnusingpct', 'attachment; filename="50%.html"', '50%.html'],
    ['attwithfnrawpctencaq', 'attachment; filename="foo-%\\41.html"', 'foo-%41.html'],
    ['attwithfilenamepctandiso', 'attachment; filename="\u00e4-%41.html"', 'ä-%41.html'],
    ['attwithfnrawpctenclong', 'attachment; filename="foo-%c3%a4-%e2%82%ac.html"', 'foo-%c3%a4-%e2%82%ac.html'],
    ['attwithasciifilenamews1', 'attachment; filename ="foo.html"', 'foo.html'],
    ['attabspath (path dropped)', 'attachment; filename="/foo.html"', 'foo.html'],
    ['attabspathwin (path dropped)', 'attachment; filename="\\\\foo.html"', 'foo.html'],
    ['attnewandfn', 'attachment; foobar=x; filename="foo.html"', 'foo.html'],
    ['attwithisofn2231iso', "attachment; filename*=iso-8859-1''foo-%E4.html", 'foo-ä.html'],
    ['attwithfn2231utf8', "attachment; filename*=UTF-8''foo-%c3%a4-%e2%82%ac.html", 'foo-ä-€.html'],
    ['attwithfn2231utf8comp (NFC)', "attachment; filename*=UTF-8''foo-a%cc%88.html", 'foo-\u00e4.html'],
    ['attwithfn2231ws2', "attachment; filename*= UTF-8''foo-%c3%a4.html", 'foo-ä.html'],
    ['attwithfn2231ws3', "attachment; filename* =UTF-8''foo-%c3%a4.html", 'foo-ä.html'],
    ['attwithfn2231dpct', "attachment; filename*=UTF-8''A-%2541.html", 'A-%41.html'],
    ['attwithfn2231abspathdisguised (path dropped)', "attachment; filename*=UTF-8''%5cfoo.html", 'foo.html'],
    ['attfnboth', 'attachment; filename="foo-ae.html"; filename*=UTF-8\'\'foo-%c3%a4.html', 'foo-ä.html'],
    ['attfnboth2', 'attachment; filename*=UTF-8\'\'foo-%c3%a4.html; filename="foo-ae.html"', 'foo-ä.html'],
  ])('%s', (_case, header, name) => {
    expect(nameOf(header)).toBe(name);
  });
});

describe('fileNameOf: tc2231 headers a browser reads although they are broken (Chrome\'s name)', () => {
  it.each([
    ['attwithtokfncommanq', 'attachment; filename=foo,bar.html', 'foo,bar.html'],
    ['attwithasciifilenamenqs', 'attachment; filename=foo.html ;', 'foo.html'],
    ['attemptyparam', 'attachment; ;filename=foo', 'foo'],
    ['attwithasciifilenamenqws (unquoted, with a space)', 'attachment; filename=foo bar.html', 'foo bar.html'],
    ['attwith2filenames (the first wins)', 'attachment; filename="foo.html"; filename="bar.html"', 'foo.html'],
    ['attfnbrokentoken', 'attachment; filename=foo[1](2).html', 'foo[1](2).html'],
    ['attfnbrokentokenutf (raw UTF-8)', `attachment; filename=${bytes('foo-ä.html')}`, 'foo-ä.html'],
    ['attmissingdisposition', 'filename=foo.html', 'foo.html'],
    ['attmissingdisposition2', 'x=y; filename=foo.html', 'foo.html'],
    ['attmissingdisposition4', 'filename=foo.html, filename=bar.html', 'foo.html, filename=bar.html'],
    ['emptydisposition', '; filename=foo.html', 'foo.html'],
    ['attbrokenquotedfn', 'attachment; filename="foo.html".txt', 'foo.html".txt'],
    ['attbrokenquotedfn2', 'attachment; filename="bar', 'bar'],
    ['attbrokenquotedfn3', 'attachment; filename=foo"bar;baz"qux', 'foo"bar;baz"qux'],
    ['attmultinstances', 'attachment; filename=foo.html, attachment; filename=bar.html', 'foo.html, attachment'],
    ['attreversed', 'filename=foo.html; attachment', 'foo.html'],
    ['attwithutf8fnplain (raw UTF-8 read as UTF-8, as Chrome does)', `attachment; filename="${bytes('foo-ä.html')}"`, 'foo-ä.html'],
    ['attrfc2047token (RFC 2047, decoded as Chrome does)', 'attachment; filename==?ISO-8859-1?Q?foo-=E4.html?=', 'foo-ä.html'],
    ['attrfc2047quoted', 'attachment; filename="=?ISO-8859-1?Q?foo-=E4.html?="', 'foo-ä.html'],
  ])('%s', (_case, header, name) => {
    expect(nameOf(header)).toBe(name);
  });
});

describe('fileNameOf: tc2231 headers that name nothing fall back to the URL', () => {
  it.each([
    ['inlonly', 'inline'],
    ['inlonlyquoted', '"inline"'],
    ['attonly', 'attachment'],
    ['attonlyquoted', '"attachment"'],
    ['attonlyucase', 'ATTACHMENT'],
    ['attwithnamepct (name is no filename)', 'attachment; name="foo-%41.html"'],
    ['attmissingdisposition3', '"foo; filename=bar;baz"; filename=qux'],
    ['doublecolon', ': inline; attachment; filename=foo.html'],
    ['attandinline', 'inline; attachment; filename=foo.html'],
    ['attandinline2', 'attachment; inline; filename=foo.html'],
    ['attmissingdelim', 'attachment; foo=foo filename=bar'],
    ['attmissingdelim3', 'attachment filename=bar'],
    ['attconfusedparam', 'attachment; xfilename=foo.html'],
    ['dispext', 'foobar'],
    ['dispextbadfn', 'attachment; example="filename=example.txt"'],
    ['attwithfn2231noc (no charset)', "attachment; filename*=''foo-%c3%a4-%e2%82%ac.html"],
    ['attwithfn2231iso_bad (not UTF-8)', "attachment; filename*=utf-8''foo-%E4.html"],
    ['attwithfn2231ws1', "attachment; filename *=UTF-8''foo-%c3%a4.html"],
    ['attwithfn2231quot', 'attachment; filename*="UTF-8\'\'foo-%c3%a4.html"'],
    ['attwithfn2231quot2', 'attachment; filename*="foo%20bar.html"'],
    ['attwithfn2231singleqmissing', "attachment; filename*=UTF-8'foo-%c3%a4.html"],
    ['attwithfn2231nbadpct1', "attachment; filename*=UTF-8''foo%"],
    ['attwithfn2231nbadpct2', "attachment; filename*=UTF-8''f%oo.html"],
  ])('%s', (_case, header) => {
    expect(nameOf(header)).toBe(URL_NAME);
  });

  it('an unreadable filename* leaves the plain filename (tc2231 attwithfn2231iso_bad with a fallback)', () => {
    expect(nameOf('attachment; filename="fallback.html"; filename*=utf-8\'\'foo-%E4.html')).toBe('fallback.html');
  });
});

describe('isAttachment (Chromium ConsumeDispositionType, RFC 6266 §4.2)', () => {
  it.each([
    ['attonly', 'attachment', true],
    ['attonlyucase', 'ATTACHMENT', true],
    ['dispext: an unknown type is an attachment', 'foobar', true],
    ['attandinline2', 'attachment; inline; filename=foo.html', true],
    ['broken parameters keep the type (attwithasciifilenamenqws)', 'attachment; filename=foo bar.html', true],
    ['attwith2filenames', 'attachment; filename="foo.html"; filename="bar.html"', true],
    ['inlonly', 'inline', false],
    ['inlwithfnattach', 'inline; filename="Not an attachment!"', false],
    ['attonlyquoted: not a token', '"attachment"', false],
    ['attmissingdisposition', 'filename=foo.html', false],
    ['attreversed', 'filename=foo.html; attachment', false],
    ['attmissingdelim3: "attachment filename=bar" is no token', 'attachment filename=bar', false],
    ['emptydisposition', '; filename=foo.html', false],
    ['empty value', '', false],
  ])('%s', (_case, header, attachment) => {
    expect(isAttachment(header)).toBe(attachment);
  });

  it('no header is no attachment', () => {
    expect(isAttachment(undefined)).toBe(false);
  });
});

describe("fileNameOf: Chromium's own cases (http_content_disposition_unittest.cc)", () => {
  it.each([
    ['whitespace becomes spaces', 'inline; filename="abc  \t\nde.pdf"', 'abc    de.pdf'],
    ['filename*, windows-1252', "attachment; filename*=windows-1252''caf%E9.png", 'café.png'],
    ['filename*, EUC-JP', "attachment; filename*=EUC-JP''%B7%DD%BD%D13%2Epng", '芸術3.png'],
    ['RFC 2047 Q, UTF-8', 'attachment; filename==?utf-8?Q?=E8=8A=B8=E8=A1=93_3=2Epng?=', '芸術 3.png'],
    ['RFC 2047 B, UTF-8', `attachment; filename="=?UTF-8?B?${Buffer.from('résumé.pdf').toString('base64')}?="`, 'résumé.pdf'],
    ['RFC 2047, the space after an encoded word dropped', 'inline; filename="=?iso88591?Q?caf=E9_?= .png"', 'café .png'],
    ['a malformed encoded word stays as written', 'attachment; filename="=?utf-8?Q?caf=EG?="', '=?utf-8?Q?caf=EG?='],
    ['"name" is not "filename"', 'attachment; name=abcde.pdf', URL_NAME],
    ['filename* after filename wins', 'attachment; filename="bar"; filename*=utf-8\'\'baz', 'baz'],
    ['raw UTF-8 in a quoted name', `attachment; filename="${bytes('Prüfbericht 2024.docx')}"`, 'Prüfbericht 2024.docx'],
  ])('%s', (_case, header, name) => {
    expect(nameOf(header)).toBe(name);
  });
});

describe('fileNameOf: cleaning', () => {
  it.each([
    ['a directory part (/)', 'attachment; filename="../../etc/passwd"', 'passwd'],
    ['a directory part (\\)', 'attachment; filename="..\\\\..\\\\Windows\\\\report.docx"', 'report.docx'],
    ['control characters', 'attachment; filename*=UTF-8\'\'a%00b%07c%1B.docx', 'abc.docx'],
    ['C1 controls and DEL', "attachment; filename*=UTF-8''a%C2%85b%7F.pdf", 'ab.pdf'],
    ['leading and trailing dots and spaces', 'attachment; filename="  .hidden.docx. "', 'hidden.docx'],
  ])('drops %s', (_case, header, name) => {
    expect(nameOf(header)).toBe(name);
  });

  it.each([
    ['only dots', 'attachment; filename=".."'],
    ['only a directory', 'attachment; filename="reports/"'],
    ['empty', 'attachment; filename=""'],
    ['only controls', "attachment; filename*=UTF-8''%00%01"],
  ])('falls back to the URL when the name is %s', (_case, header) => {
    expect(nameOf(header)).toBe(URL_NAME);
  });
});

describe('fileNameOf: from the URL', () => {
  it.each([
    ['the last segment, percent-decoded', 'https://app.example.com/files/Q3%20report.pdf?download=1#top', 'Q3 report.pdf'],
    ['UTF-8 escapes', 'https://app.example.com/r%C3%A9sum%C3%A9.docx', 'résumé.docx'],
    ['invalid UTF-8 stays raw', 'https://app.example.com/%E4-report.pdf', '%E4-report.pdf'],
    ['a lone percent stays raw', 'https://app.example.com/50%.pdf', '50%.pdf'],
    ['the last non-empty segment', 'https://app.example.com/exports/quarterly/', 'quarterly'],
    ['an escaped slash cannot smuggle a path', 'https://app.example.com/a%2F..%2Fsecret.pdf', 'secret.pdf'],
  ])('%s', (_case, address, name) => {
    expect(fileNameOf(undefined, address)).toBe(name);
  });

  it.each([
    ['no path', 'https://app.example.com/'],
    ['a data: URL', 'data:application/pdf;base64,JVBERi0='],
    ['not a URL', 'not a url'],
  ])('is `download` (Chrome\'s default name) with %s', (_case, address) => {
    expect(fileNameOf(undefined, address)).toBe(DEFAULT_FILE_NAME);
    expect(DEFAULT_FILE_NAME).toBe('download');
  });

  it('a header without a name leaves the URL to name the file', () => {
    expect(fileNameOf('attachment', 'https://app.example.com/export.csv')).toBe('export.csv');
  });
});

describe('extensionOf', () => {
  it.each([
    ['report.docx', 'docx'],
    ['REPORT.DOCX', 'docx'],
    ['archive.tar.gz', 'gz'],
    ['README', ''],
    ['.profile', ''],
    ['trailing.', ''],
    ['Prüfbericht.PDF', 'pdf'],
  ])('%s → %s', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});
