import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formDecode, formEncode, mapStringBack } from '../../src/pipeline/request-body/index.js';
import { recordingContext } from '../helpers/context.js';
import { mapInChunks, mapText } from './request-body-support.js';

const FORM = 'application/x-www-form-urlencoded';

describe('form bodies as a browser serializes them (WHATWG urlencoded serializer = URLSearchParams)', () => {
  const { ctx } = recordingContext();
  const sent = {
    next: 'https://app.example.com.proxy.test/home?tab=1',
    host: 'app.example.com.proxy.test',
    sso: 'https://login.example.com.proxy.test/auth?return=https%3A%2F%2Fapp.example.com.proxy.test%2F',
    evil: 'https://evil.org.proxy.test/x', // no twin: evil.org is not protected
    text: 'café & crème + 100% ',
    prose: 'see app.example.com.proxy.test for details', // a host in prose is neither URL nor whole string
    mail: 'me@app.example.com.proxy.test',
  };
  const upstream = {
    ...sent,
    next: 'https://app.example.com/home?tab=1',
    host: 'app.example.com',
    sso: 'https://login.example.com/auth?return=https%3A%2F%2Fapp.example.com%2F',
  };
  const body = Buffer.from(new URLSearchParams(sent).toString(), 'utf8').toString('latin1');
  const out = mapText(ctx, FORM, body);

  it('decodes to the upstream values (parsed by URLSearchParams)', () => {
    expect(Object.fromEntries(new URLSearchParams(Buffer.from(out, 'latin1').toString('utf8')))).toEqual(upstream);
  });

  it('is exactly what the serializer makes of the upstream values', () => {
    expect(out).toBe(Buffer.from(new URLSearchParams(upstream).toString(), 'utf8').toString('latin1'));
  });

  it('leaves unchanged pairs byte-identical', () => {
    const before = body.split('&');
    const after = out.split('&');
    expect(after).toHaveLength(before.length);
    for (const i of [3, 4, 5, 6]) expect(after[i]).toBe(before[i]);
  });
});

describe('form bodies with other spellings: only the changed span is rewritten', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });

  it('keeps lower-case escapes, %20, ~ and ! around the change; maps scheme, host and drops the proxy port', () => {
    const out = mapText(ctx, FORM, 'u=http%3a%2f%2fapp.example.com.proxy.test%3a8080%2Fx%20y~!&k=v');
    expect(out).toBe('u=https%3a%2f%2fapp.example.com%2Fx%20y~!&k=v');
    expect(new URLSearchParams(out).get('u')).toBe('https://app.example.com/x y~!');
  });

  it('an encoded host (%2E for dots) is decoded, mapped, and written as the serializer writes it', () => {
    expect(mapText(ctx, FORM, 'h=app%2Eexample%2Ecom%2Eproxy%2Etest&z=1')).toBe('h=app.example.com&z=1');
  });

  it('+ is a space: a URL between pluses is found and the pluses stay', () => {
    expect(mapText(ctx, FORM, 'q=a+http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2F+b')).toBe('q=a+https%3A%2F%2Fapp.example.com%2F+b');
  });

  it('names are mapped like values; empty sequences, lone names and empty values pass', () => {
    expect(mapText(ctx, FORM, 'http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2F=1&flag&&=&x=&app.example.com.proxy.test'))
      .toBe('https%3A%2F%2Fapp.example.com%2F=1&flag&&=&x=&app.example.com');
  });

  it('non-UTF-8 bytes and invalid escapes around a change stay as they were', () => {
    const { ctx: plain } = recordingContext();
    const body = Buffer.concat([Buffer.from('a=%zz'), Buffer.from([0xe9, 0xff]), Buffer.from('https://app.example.com.proxy.test/%&b=%E9')]);
    const expected = Buffer.concat([Buffer.from('a=%zz'), Buffer.from([0xe9, 0xff]), Buffer.from('https://app.example.com/%&b=%E9')]);
    expect(mapText(plain, FORM, body.toString('latin1'))).toBe(expected.toString('latin1'));
  });

  it('a body with nothing to map comes back byte-identical', () => {
    const body = 'a=1&b=https%3A%2F%2Fapp.example.com%2F&c=%E2%82%AC+x&d=evil.org.proxy.test&e=.app.example.com.proxy.test.evil';
    expect(mapText(ctx, FORM, body)).toBe(body);
  });
});

describe('form bodies, flat scheme', () => {
  const { ctx } = recordingContext({ scheme: 'flat' });
  it('maps flat twins back; a flat name that is no twin stays', () => {
    const body = new URLSearchParams({ u: 'https://my--app-example-com.proxy.test/x', h: 'app-example-com.proxy.test', e: 'https://evil-org.proxy.test/' }).toString();
    expect(mapText(ctx, FORM, body)).toBe(new URLSearchParams({ u: 'https://my-app.example.com/x', h: 'app.example.com', e: 'https://evil-org.proxy.test/' }).toString());
  });
});

describe('form encoding primitives (WHATWG URL §5)', () => {
  it('decodes + as space, %XX as a byte, a bad % as itself', () => {
    expect(formDecode('a+b%41%4a%zz%4%')).toBe('a bAJ%zz%4%');
  });
  it('encodes everything but alphanumerics and *-._, a space as +', () => {
    expect(formEncode("a b*-._~!'()/:%\u00e9")).toBe('a+b*-._%7E%21%27%28%29%2F%3A%25%E9');
  });
});

describe('form bodies: properties', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });
  const FRAGMENTS = ['http://', 'https://', 'app.example.com.proxy.test', 'api.example.com.proxy.test:8080', 'evil.org.proxy.test',
    '/', '?', 'return=', '%', '+', ' ', '&', '=', '.', 'x', '~', 'é', '%3A%2F%2F'];
  const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((p) => p.join(''));
  const pairs = fc.array(fc.tuple(text, text), { maxLength: 6 });

  it('decodes to the values mapped one by one, for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, fc.array(fc.nat(), { maxLength: 8 }), async (list, cuts) => {
        const body = Buffer.from(new URLSearchParams(list).toString(), 'utf8');
        const whole = mapText(ctx, FORM, body.toString('latin1'));
        const chunked = await mapInChunks(ctx, FORM, body, cuts);
        expect(chunked.toString('latin1')).toBe(whole);
        // URLSearchParams is the reference parser; names and values are each one string.
        const got = [...new URLSearchParams(Buffer.from(whole, 'latin1').toString('utf8'))];
        const want = list.map(([n, v]) => [mapUtf8(n), mapUtf8(v)]);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  function mapUtf8(s: string): string {
    return Buffer.from(mapStringBack(ctx, Buffer.from(s, 'utf8').toString('latin1')), 'latin1').toString('utf8');
  }
});

describe('form bodies past the buffer cap', () => {
  const { ctx } = recordingContext({ maxBufferBytes: 1024 });
  it('a sequence longer than the cap is mapped in windows, the same for any chunking', async () => {
    const url = 'https%3A%2F%2Fapp.example.com.proxy.test%2Fp%3Fq%3D1';
    const value = Array.from({ length: 40 }, (_, i) => 'x'.repeat(97 + i) + url).join('+');
    const body = Buffer.from('a=1&big=' + value + '&z=app.example.com.proxy.test');
    const expected = 'a=1&big=' + value.replaceAll('app.example.com.proxy.test', 'app.example.com') + '&z=app.example.com';
    expect(mapText(ctx, FORM, body.toString('latin1'))).toBe(expected);
    for (const step of [1, 7, 1000, 3000]) {
      const cuts = Array.from({ length: Math.ceil(body.length / step) }, (_, i) => i * step);
      expect((await mapInChunks(ctx, FORM, body, cuts)).toString('latin1')).toBe(expected);
    }
  });
});
