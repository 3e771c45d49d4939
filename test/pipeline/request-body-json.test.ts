import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRewriter } from '../../src/index.js';
import { planRequestBody, requestBodyType } from '../../src/pipeline/request-body/index.js';
import { recordingContext } from '../helpers/context.js';
import { mapInChunks, mapText } from './request-body-support.js';

describe('JSON request bodies', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });

  it('maps URLs and whole-string hosts back in nested values and keys; every other byte kept', () => {
    const body = `{
  "profile": { "website": "http://app.example.com.proxy.test:8080/u/1", "domain": "app.example.com.proxy.test",
    "links": ["http:\\/\\/api.example.com.proxy.test:8080\\/v1?next=http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2F", 42, true, null] },
  "http://cdn.example.com.proxy.test:8080/a.png": {"alt": "say \\"hi\\" at http://app.example.com.proxy.test:8080/"},
  "other": ["https://evil.org.proxy.test/", "me@app.example.com.proxy.test", "see app.example.com.proxy.test today"]
}`;
    const expected = `{
  "profile": { "website": "https://app.example.com/u/1", "domain": "app.example.com",
    "links": ["https:\\/\\/api.example.com\\/v1?next=https%3A%2F%2Fapp.example.com%2F", 42, true, null] },
  "https://cdn.example.com/a.png": {"alt": "say \\"hi\\" at https://app.example.com/"},
  "other": ["https://evil.org.proxy.test/", "me@app.example.com.proxy.test", "see app.example.com.proxy.test today"]
}`;
    const out = mapText(ctx, 'application/json', body);
    expect(out).toBe(expected);
    // Still the same JSON document, with the upstream strings.
    expect(JSON.parse(out)).toEqual(JSON.parse(expected));
  });

  it('a GET-modify-PUT round trip stores upstream hosts: the proxied document maps back to the original', () => {
    const rw = createRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'], publicScheme: 'http', publicPort: 8080 });
    const stored = JSON.stringify({ avatar: 'https://cdn.example.com/a.png', home: 'https://app.example.com/', host: 'api.example.com', list: ['https://x.example.com/?r=https%3A%2F%2Fapp.example.com%2F'] });
    const shown = rw.rewriteJson(stored); // what the browser received
    expect(shown).toContain('proxy.test:8080');
    const edited = shown.replace('}', ',"note":"edited"}');
    expect(mapText(rw.context, 'application/json', edited)).toBe(stored.replace('}', ',"note":"edited"}'));
  });

  it('every JSON MIME type is JSON (MIME Sniffing): text/json and any +json subtype, parameters ignored', () => {
    for (const type of ['application/json', 'text/json', 'application/ld+json', 'application/merge-patch+json', 'application/vnd.api+json; charset=utf-8', 'Application/JSON ; x=1']) {
      expect(requestBodyType(type).kind).toBe('json');
      expect(mapText(ctx, type, '["app.example.com.proxy.test"]')).toBe('["app.example.com"]');
    }
    for (const type of ['application/json-seq', 'application/jsonx', 'text/plain', 'application/octet-stream', 'json', '']) {
      expect(requestBodyType(type).kind).toBe('pass');
      expect(planRequestBody(ctx, type).transform).toBeNull();
      expect(mapText(ctx, type, '["app.example.com.proxy.test"]')).toBe('["app.example.com.proxy.test"]');
    }
  });

  it('any chunking gives the same bytes', async () => {
    const FRAGMENTS = ['{', '}', '[', ']', ',', ':', '"', '\\"', '\\\\', '\\/', 'http://', 'app.example.com.proxy.test', ':8080', '/x', ' ', 'é', 'evil.org.proxy.test', '%3A%2F%2F'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), async (parts, cuts) => {
        const body = Buffer.from(parts.join(''));
        const whole = mapText(ctx, 'application/json', body.toString('latin1'));
        expect((await mapInChunks(ctx, 'application/json', body, cuts)).toString('latin1')).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('JSON request bodies, flat scheme', () => {
  const { ctx } = recordingContext({ scheme: 'flat' });
  it('maps flat twins back and leaves a flat name that is no twin', () => {
    expect(mapText(ctx, 'application/json', '{"a":"https://app-example-com.proxy.test/","b":"a--b-example-com.proxy.test","c":"https://evil-org.proxy.test/"}'))
      .toBe('{"a":"https://app.example.com/","b":"a-b.example.com","c":"https://evil-org.proxy.test/"}');
  });
});
