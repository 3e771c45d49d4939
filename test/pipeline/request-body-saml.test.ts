import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../helpers/context.js';
import { mapInChunks, mapText } from './request-body-support.js';

// The SAML HTTP-POST binding (SAML 2.0 Bindings §3.5): the browser posts an auto-submitted
// form whose `SAMLResponse` (or `SAMLRequest`) is base64 of the XML message and whose
// `RelayState` is opaque text. Through the proxy the page, and so the message's URLs, name
// proxied hosts; the receiver checks Destination, Recipient, Audience and the ACS URL
// against its own, upstream ones.
const FORM = 'application/x-www-form-urlencoded';
const { ctx } = recordingContext();

const P = 'example.com.proxy.test';
function response(host: (h: string) => string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" Destination="https://${host('app')}/saml/acs">` +
    `<saml:Issuer>https://idp.other.org/</saml:Issuer><saml:Assertion ID="_a1"><saml:Subject><saml:NameID>ana@example.com</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="https://${host('app')}/saml/acs" InResponseTo="_q1"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions><saml:AudienceRestriction><saml:Audience>https://${host('app')}/saml/metadata</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AttributeStatement><saml:Attribute Name="displayName"><saml:AttributeValue>Ana Müller</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>${extra}</samlp:Response>`;
}
const proxied = (h: string) => `${h}.${P}`;
const upstream = (h: string) => `${h}.example.com`;
const AUTHN_REQUEST = (host: (h: string) => string) =>
  `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_q1" Version="2.0" Destination="https://${host('login')}/sso" AssertionConsumerServiceURL="https://${host('app')}/saml/acs"/>`;

const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const form = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(fields).toString(), 'utf8').toString('latin1');
const fields = (body: string) => Object.fromEntries(new URLSearchParams(Buffer.from(body, 'latin1').toString('utf8')));

describe('SAMLResponse and SAMLRequest in a form post', () => {
  it('maps Destination, Recipient and Audience back, and encodes the message again', () => {
    const out = fields(mapText(ctx, FORM, form({ SAMLResponse: b64(response(proxied)), RelayState: `https://${proxied('app')}/deep/link?x=1` })));
    expect(Buffer.from(out.SAMLResponse, 'base64').toString('utf8')).toBe(response(upstream));
    expect(out.SAMLResponse).toBe(b64(response(upstream)));
    expect(out.RelayState).toBe('https://app.example.com/deep/link?x=1');
  });

  it('maps an AuthnRequest\'s Destination and AssertionConsumerServiceURL', () => {
    const out = fields(mapText(ctx, FORM, form({ SAMLRequest: b64(AUTHN_REQUEST(proxied)), RelayState: 'token-123' })));
    expect(out).toEqual({ SAMLRequest: b64(AUTHN_REQUEST(upstream)), RelayState: 'token-123' });
  });

  it('keeps the value byte-identical when nothing in it is proxied, or it is not base64 of XML', () => {
    const unchanged = [
      b64(response(upstream)), // already upstream (an IdP-initiated response the proxy did not write)
      b64(`https://${proxied('app')}/not-xml`), // base64, but not XML
      `${b64(response(proxied))}!`, // not base64
      b64(response(proxied)).slice(0, -1), // not whole base64 quanta
      'PHA+', // `<p>`, nothing proxied
      '',
    ];
    for (const value of unchanged) {
      const body = `SAMLResponse=${encodeURIComponent(value)}&RelayState=abc`;
      expect(mapText(ctx, FORM, body)).toBe(body);
    }
  });

  it('reads base64 with line breaks (MIME-wrapped, as some IdPs send it) and wraps the new one alike', () => {
    const wrap = (text: string, width: number, lineBreak: string) => text.match(new RegExp(`.{1,${width}}`, 'g'))?.join(lineBreak) ?? '';
    const out = fields(mapText(ctx, FORM, form({ SAMLResponse: wrap(b64(response(proxied)), 76, '\r\n') })));
    expect(out.SAMLResponse).toBe(wrap(b64(response(upstream)), 76, '\r\n'));
    // Any other white space is tolerated and dropped.
    const spaced = ` ${b64(response(proxied)).replace(/(.{10})/g, '$1 \t')}`;
    expect(fields(mapText(ctx, FORM, form({ SAMLResponse: spaced }))).SAMLResponse).toBe(b64(response(upstream)));
  });

  it('only the fields of the binding: another base64 field stays as it came', () => {
    const body = form({ samlresponse: b64(response(proxied)), Payload: b64(response(proxied)) });
    expect(mapText(ctx, FORM, body)).toBe(body);
  });

  it('a field name spelled with escapes is still the field (the parser decodes names)', () => {
    const body = `SAML%52esponse=${encodeURIComponent(b64(response(proxied)))}`;
    expect(fields(mapText(ctx, FORM, body))).toEqual({ SAMLResponse: b64(response(upstream)) });
  });

  it('gives the same bytes in any chunking', async () => {
    const body = Buffer.from(form({ a: '1', SAMLResponse: b64(response(proxied)), RelayState: `https://${proxied('app')}/` }), 'latin1');
    const whole = Buffer.from(mapText(ctx, FORM, body.toString('latin1')), 'latin1');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(body.length), { maxLength: 10 }), async (cuts) => {
        expect((await mapInChunks(ctx, FORM, body, cuts)).equals(whole)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('OAuth and OpenID Connect form posts', () => {
  it('maps redirect_uri (and a form_post\'s state stays as it came)', () => {
    const body = form({ grant_type: 'authorization_code', code: 'c0de', redirect_uri: `https://${proxied('app')}/oauth/callback`, client_id: 'app', state: 'xyz' });
    expect(fields(mapText(ctx, FORM, body))).toEqual({ grant_type: 'authorization_code', code: 'c0de', redirect_uri: 'https://app.example.com/oauth/callback', client_id: 'app', state: 'xyz' });
  });
});

describe('SAMLResponse in a multipart text field', () => {
  async function serialize(values: Record<string, string>): Promise<{ type: string; body: Buffer }> {
    const fd = new FormData();
    for (const [k, v] of Object.entries(values)) fd.append(k, v);
    const req = new Request('http://127.0.0.1/', { method: 'POST', body: fd });
    return { type: req.headers.get('content-type') as string, body: Buffer.from(await req.arrayBuffer()) };
  }

  it('is mapped as in a form post; a file of the same name is not', async () => {
    const sent = await serialize({ SAMLResponse: b64(response(proxied)), RelayState: `https://${proxied('app')}/` });
    const want = await serialize({ SAMLResponse: b64(response(upstream)), RelayState: 'https://app.example.com/' });
    const boundary = (t: string) => /boundary=(.*)$/.exec(t)?.[1] as string;
    const out = mapText(ctx, sent.type, sent.body.toString('latin1'));
    expect(out).toBe(want.body.toString('latin1').replaceAll(boundary(want.type), boundary(sent.type)));

    const fd = new FormData();
    fd.append('SAMLResponse', new Blob([b64(response(proxied))], { type: 'text/plain' }), 'message.txt');
    const req = new Request('http://127.0.0.1/', { method: 'POST', body: fd });
    const fileBody = Buffer.from(await req.arrayBuffer()).toString('latin1');
    expect(mapText(ctx, req.headers.get('content-type') as string, fileBody)).toBe(fileBody);
  });

  it('an unquoted name counts too', () => {
    const B = 'b0undary';
    const body = `--${B}\r\nContent-Disposition: form-data; name=SAMLRequest\r\n\r\n${b64(AUTHN_REQUEST(proxied))}\r\n--${B}--\r\n`;
    expect(mapText(ctx, `multipart/form-data; boundary=${B}`, body)).toBe(body.replace(b64(AUTHN_REQUEST(proxied)), b64(AUTHN_REQUEST(upstream))));
  });
});
