import { describe, expect, it } from 'vitest';
import { allowNonce, nonceSnippet } from '../../src/pipeline/csp-nonce.js';
import { isDocumentResponse } from '../../src/pipeline/document-request.js';
import { removeHopByHop } from '../../src/pipeline/hop-by-hop.js';

const script = new Set<'script' | 'style'>(['script']);
const both = new Set<'script' | 'style'>(['script', 'style']);

// CSP3: an inline <script> is governed by script-src-elem, else script-src, else default-src;
// a nonce or hash in a list makes 'unsafe-inline' ignored; a repeated directive is ignored.
describe('allowNonce', () => {
  it.each([
    ["default-src 'self'", "default-src 'self' 'nonce-N'"],
    ["script-src 'self'; default-src 'none'", "script-src 'self' 'nonce-N'; default-src 'none'"],
    ["script-src-elem 'self'; script-src 'none'", "script-src-elem 'self' 'nonce-N'; script-src 'none'"],
    ["script-src 'strict-dynamic' 'nonce-abc'", "script-src 'strict-dynamic' 'nonce-abc' 'nonce-N'"],
    ["script-src 'unsafe-inline' 'sha256-xyz'", "script-src 'unsafe-inline' 'sha256-xyz' 'nonce-N'"],
    ["script-src 'unsafe-inline' 'strict-dynamic'", "script-src 'unsafe-inline' 'strict-dynamic' 'nonce-N'"],
    ["script-src 'unsafe-inline'", "script-src 'unsafe-inline'"],
    ["img-src *; report-uri /r", "img-src *; report-uri /r"],
    ["script-src 'self'; script-src 'unsafe-inline'", "script-src 'self' 'nonce-N'; script-src 'unsafe-inline'"],
    ["script-src 'self', default-src https:", "script-src 'self' 'nonce-N', default-src https: 'nonce-N'"],
  ])('%j → %j', (policy, expected) => {
    expect(allowNonce(policy, 'N', script)).toBe(expected);
  });

  it('patches style directives too, and one shared default-src once', () => {
    expect(allowNonce("default-src 'self'", 'N', both)).toBe("default-src 'self' 'nonce-N'");
    expect(allowNonce("script-src 'self'; style-src 'self'", 'N', both)).toBe("script-src 'self' 'nonce-N'; style-src 'self' 'nonce-N'");
  });

  it('puts the nonce on every script and style tag of the snippet only', () => {
    expect(nonceSnippet('<script src="/r.js"></script><SCRIPT>x</SCRIPT><style>a{}</style><scripts>', 'N')).toBe('<script nonce="N" src="/r.js"></script><SCRIPT nonce="N">x</SCRIPT><style nonce="N">a{}</style><scripts>');
  });
});

describe('removeHopByHop (RFC 9110 §7.6.1)', () => {
  it('removes the fixed set, Proxy-* and the names Connection lists', () => {
    const h = removeHopByHop({ connection: 'close, X-Foo', 'x-foo': '1', 'keep-alive': 't', 'transfer-encoding': 'chunked', te: 'trailers', trailer: 'x', upgrade: 'websocket', 'proxy-authorization': 'Basic x', 'proxy-connection': 'keep-alive', 'x-bar': '2' });
    expect(h).toEqual({ 'x-bar': '2' });
  });

  it('keeps Upgrade for an upgrade', () => {
    expect(removeHopByHop({ connection: 'Upgrade, keep-alive', upgrade: 'websocket', 'keep-alive': '1' }, true)).toEqual({ upgrade: 'websocket', connection: 'upgrade' });
  });
});

describe('isDocumentResponse', () => {
  const doc = (headers: Record<string, string>, body: string) => isDocumentResponse(headers, Buffer.from(body, 'latin1'));
  it('follows Sec-Fetch-Dest when the request has it', () => {
    for (const d of ['document', 'iframe', 'frame', 'embed', 'object']) expect(doc({ 'sec-fetch-dest': d }, '<li>')).toBe(true);
    for (const d of ['empty', 'script', 'image']) expect(doc({ 'sec-fetch-dest': d }, '<!doctype html>')).toBe(false);
  });
  it('without it: script markers say fragment, a document opening or an HTML Accept say document', () => {
    expect(doc({ 'x-requested-with': 'XMLHttpRequest' }, '<!doctype html>')).toBe(false);
    expect(doc({ 'hx-request': 'true' }, '<html>')).toBe(false);
    expect(doc({}, '\xef\xbb\xbf  <!-- c --> <!DOCTYPE html>')).toBe(true);
    expect(doc({}, '<head><title>x')).toBe(true);
    expect(doc({}, '<div>x</div>')).toBe(false);
    expect(doc({ accept: 'text/html,application/xhtml+xml' }, '<div>x</div>')).toBe(true);
  });
});
