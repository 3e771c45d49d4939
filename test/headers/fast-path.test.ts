// The header fast paths (issue 12) must give exactly what the plain algorithm gives.
// `referenceMapHeaders` is that plain algorithm, kept here as the slow reference: every
// value through arrays, every result checked again, every property defined with
// `defineProperty`. The real `mapHeaders` (one-string shape without arrays, unchanged
// values not checked twice, plain assignment where it is safe) must match it on every
// corpus head and on generated ones: same keys in the same order, same property
// descriptors, same events.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cookie } from 'tough-cookie';
import { getDomain } from 'tldts';
import type { RewriteContext } from '../../src/context.js';
import { findDomainAttributes } from '../../src/cookies/cookie-attributes.js';
import { isUnsafeFieldValue, isValidFieldName, splitLines } from '../../src/headers/field-safety.js';
import { headerFields } from '../../src/headers/header-shapes.js';
import type { HeaderRule, HeadersInput, HeadersOutput } from '../../src/headers/header-object.js';
import { rewriteRequestHeaders, rewriteResponseHeaders } from '../../src/headers/index.js';
import { requestHeaderRule } from '../../src/headers/request-headers.js';
import { responseHeaderRules } from '../../src/headers/response-headers.js';
import { recordingContext } from '../cookies/contexts.js';

type RuleFor = (name: string) => HeaderRule | undefined;

function referenceMapHeaders(ctx: RewriteContext, headers: HeadersInput, ruleFor: RuleFor): HeadersOutput {
  const out: HeadersOutput = {};
  const dropped = (name: string, reason: string) => {
    const shown = name.length > 64 ? name.slice(0, 64) + '…' : name;
    ctx.emit({ type: 'header-dropped', message: `header ${JSON.stringify(shown)} dropped: ${reason}`, header: shown, reason });
  };
  for (const [name, raw] of headerFields(headers)) {
    if (raw === undefined) continue;
    if (!isValidFieldName(name)) {
      dropped(name, 'invalid-name');
      continue;
    }
    const rule = ruleFor(name.toLowerCase()) ?? {};
    if (rule.drop) continue;
    const kept: string[] = [];
    for (const value of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
      if (typeof value !== 'string') {
        dropped(name, 'not-a-string');
        continue;
      }
      for (const piece of rule.splitLines && isUnsafeFieldValue(value) ? splitLines(value) : [value]) {
        if (isUnsafeFieldValue(piece)) {
          dropped(name, 'control-character');
          continue;
        }
        const result = rule.rewrite ? rule.rewrite(piece) : piece;
        if (result !== null && !isUnsafeFieldValue(result)) kept.push(result);
      }
    }
    if (kept.length > 0) {
      const value = Array.isArray(raw) || kept.length > 1 ? kept : kept[0];
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

type Side = 'response' | 'response, body changed' | 'request';
const DOMAINS = ['example.com', '*.example.com'];

/** The real function and the reference on two contexts alike, outputs and events compared. */
function expectSame(head: HeadersInput, side: Side, domains = DOMAINS): void {
  const real = recordingContext({ domains, publicScheme: 'http', publicPort: 8080 });
  const slow = recordingContext({ domains, publicScheme: 'http', publicPort: 8080 });
  const got =
    side === 'request' ? rewriteRequestHeaders(real.ctx, head) : rewriteResponseHeaders(real.ctx, head, { bodyChanged: side !== 'response' });
  const rules = responseHeaderRules(slow.ctx);
  const ruleFor = side === 'request' ? requestHeaderRule(slow.ctx) : side === 'response' ? rules.kept : rules.bodyChanged;
  const want = referenceMapHeaders(slow.ctx, head, ruleFor);
  expect(Reflect.ownKeys(got)).toEqual(Reflect.ownKeys(want));
  expect(Object.getOwnPropertyDescriptors(got)).toEqual(Object.getOwnPropertyDescriptors(want));
  expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
  expect(real.events).toEqual(slow.events);
}

const HAR_DIR = fileURLToPath(new URL('../../../shared/corpus/har/', import.meta.url));
const haveCorpus = existsSync(HAR_DIR);
if (!haveCorpus) console.warn(`header fast-path corpus test skipped: ${HAR_DIR} is absent`);

interface HarHeader {
  name: string;
  value: string;
}
interface Har {
  log: { entries: Array<{ request: { url: string; headers?: HarHeader[] }; response: { headers?: HarHeader[] } }> };
}

describe.skipIf(!haveCorpus)('header fast paths on the corpus HAR heads', () => {
  it('every response and request head (as rawHeaders and as a plain object) gives what the reference gives', () => {
    let heads = 0;
    for (const file of readdirSync(HAR_DIR).filter((f) => f.endsWith('.har'))) {
      const text = readFileSync(HAR_DIR + file, 'utf8');
      const har = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Har;
      const base = getDomain(har.log.entries[0]?.request.url ?? '', { allowPrivateDomains: true }) ?? 'example.com';
      const domains = [base, `*.${base}`];
      for (const entry of har.log.entries) {
        for (const [list, sides] of [
          [entry.response.headers ?? [], ['response', 'response, body changed'] as Side[]],
          [entry.request.headers ?? [], ['request'] as Side[]],
        ] as const) {
          const raw = list.flatMap((h) => [h.name, h.value]);
          // As written, names in their case: the last of names alike wins, as in a literal.
          const plain = Object.fromEntries(list.map((h) => [h.name, h.value]));
          for (const side of sides) {
            expectSame(raw, side, domains);
            expectSame(plain, side, domains);
          }
          heads++;
        }
      }
    }
    expect(heads).toBeGreaterThan(1000);
  });
});

describe('header fast paths on generated heads', () => {
  const names = fc.constantFrom(
    'Location', 'location', 'Set-Cookie', 'set-cookie', 'Link', 'Content-Security-Policy', 'Content-Length',
    'Host', 'Origin', 'Referer', 'X-Plain', '__proto__', 'toString', 'constructor', 'bad name', 'Alt-Svc', 'Refresh',
  );
  const pieces = fc.constantFrom(
    'https://app.example.com/p', 'http://app.example.com.proxy.test:8080/', 'a=b', '; Domain=.example.com', '; domain=COM',
    '; Secure', '; SameSite=None', '__Host-x=1', 'default-src *.example.com', '\n', '\r\n', '\0', '\x7f', ' ', '\t', 'é', '\xe9', 'ñ.example.com',
    'app.example.com.proxy.test', '<https://example.com/a>; rel=preload', '0; url=https://example.com/', 'x',
  );
  const value = fc.array(pieces, { maxLength: 6 }).map((p) => p.join(''));
  const field = fc.tuple(names, fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(7 as unknown as string)));

  it('plain objects (__proto__ and Object.prototype names included) and rawHeaders', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), fc.constantFrom<Side>('response', 'response, body changed', 'request'), (fields, side) => {
        const plain: Record<string, unknown> = {};
        for (const [name, v] of fields) Object.defineProperty(plain, name, { value: v, enumerable: true, writable: true, configurable: true });
        expectSame(plain as HeadersInput, side);
        const raw = fields.flatMap(([name, v]) => (typeof v === 'string' ? [name, v] : []));
        expectSame(raw, side);
      }),
      { numRuns: 400 },
    );
  });
});

describe('Set-Cookie: the effective Domain without the full parse', () => {
  // rewriteSetCookie takes the last Domain attribute findDomainAttributes reads as the
  // effective domain of a byte string, instead of tough-cookie's parse: they must agree.
  const effective = (v: string) => Cookie.parse(v, { loose: true })?.domain ?? findDomainAttributes(v).at(-1)?.domain;
  it('for every byte string with a Domain, tough-cookie reads the same effective domain', () => {
    const pieces = fc.constantFrom(
      'a=b', 'a', '=', ';', ' ', '\t', '\x0b', '\x0c', '\xa0', '\x01', '\x1f', 'Domain', 'domain', 'DOMAIN ', '.', '..', 'Example.COM',
      'x.example.com', '"', 'Expires=Wed, 11 Feb 2037 09:36:23 GMT', 'Path=/', '\xe9', '\xff',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }), (p) => {
        const v = p.join('');
        const found = findDomainAttributes(v);
        if (found.length === 0) return;
        expect(effective(v)).toBe(found[found.length - 1].domain);
      }),
      { numRuns: 3000 },
    );
  });
});
