import { describe, expect, it } from 'vitest';
import { Cookie } from 'tough-cookie';
import fc from 'fast-check';
import { applyEdits } from '../../src/domain/index.js';
import { cookiePair, needsSecureOrigin, rewriteSetCookie, secureRemoval } from '../../src/cookies/index.js';
import { recordingContext } from './contexts.js';

// RFC 6265bis section 5.7: a user agent ignores a cookie whose secure-only-flag is set
// when the request URI's scheme is not secure, and ignores __Secure-/__Host- cookies
// (compared case-insensitively) unless they are Secure and come from a secure origin.
// Chromium also rejects SameSite=None without Secure.

describe('rewriteSetCookie behind a proxy whose public scheme is http', () => {
  const { ctx, events } = recordingContext({ publicScheme: 'http', publicPort: 8080 });

  it.each([
    ['sid=1; Secure', 'sid=1'],
    ['sid=1; Path=/; secure; HttpOnly', 'sid=1; Path=/; HttpOnly'],
    // The Secure attribute's value is ignored: `Secure=no` still makes a Secure cookie (5.6.5).
    ['sid=1; Secure=no; Path=/', 'sid=1; Path=/'],
    ['sid=1;  SECURE  ;Path=/', 'sid=1;Path=/'],
    ['sid=1; Secure; Secure', 'sid=1'],
    // Lax and Strict do not need Secure: they stay.
    ['sid=1; Secure; SameSite=Lax', 'sid=1; SameSite=Lax'],
    ['sid=1; SameSite=Strict; Secure', 'sid=1; SameSite=Strict'],
  ])('%j becomes %j', (input, output) => {
    expect(rewriteSetCookie(ctx, input)).toBe(output);
  });

  it('removes an effective SameSite=None with Secure, leaving the browser its default', () => {
    events.length = 0;
    expect(rewriteSetCookie(ctx, 'sid=1; Secure; SameSite=None')).toBe('sid=1');
    expect(rewriteSetCookie(ctx, 'sid=1; samesite = none ; Secure; HttpOnly')).toBe('sid=1; HttpOnly');
    // The last SameSite is the one applied: None then Strict is Strict, both stay.
    expect(rewriteSetCookie(ctx, 'sid=1; SameSite=None; SameSite=Strict; Secure')).toBe('sid=1; SameSite=None; SameSite=Strict');
    // Strict then None is None: every SameSite goes, so no earlier one takes over.
    expect(rewriteSetCookie(ctx, 'sid=1; SameSite=Strict; SameSite=None; Secure')).toBe('sid=1');
    expect(events.map((e) => e.type === 'cookie-secure-dropped' && [e.cookie, e.sameSiteNone])).toEqual([
      ['sid', true], ['sid', true], ['sid', false], ['sid', true],
    ]);
  });

  it('leaves cookies without Secure as they are, SameSite=None included (rejected upstream alike)', () => {
    events.length = 0;
    for (const v of ['sid=1', 'sid=1; SameSite=None', 'secure=1; Path=/', 'a=1; Path=/Secure', 'a=1; NotSecure', 'a=1; Secure-ish', 'a="x; Secure"x']) {
      expect(rewriteSetCookie(ctx, v)).toBe(v);
    }
    expect(events).toEqual([]);
  });

  it.each([
    '__Secure-id=1; Secure; Path=/',
    '__Host-id=1; Secure; Path=/',
    // Case-insensitive prefixes (RFC 6265bis section 5.7).
    '__SECURE-id=1; Secure',
    '__host-id=1; Secure; Path=/',
    // Without Secure the browser ignores them anyway.
    '__Secure-id=1',
    // A nameless cookie whose value carries a prefix (section 5.7 closes that loophole).
    '=__Host-id; Secure; Path=/',
    '__Secure-id; Secure',
  ])('refuses %j: no browser stores it from an http origin', (v) => {
    events.length = 0;
    expect(rewriteSetCookie(ctx, v)).toBeNull();
    expect(events.map((e) => e.type === 'cookie-refused' && e.reason)).toEqual(['insecure-prefix']);
  });

  it('rewrites the Domain and drops Secure in one go', () => {
    expect(rewriteSetCookie(ctx, 'sid=1; Domain=.example.com; Secure; SameSite=None; Path=/'))
      .toBe('sid=1; Domain=.example.com.proxy.test; Path=/');
    // A refused Domain stays refused, and reports no Secure removal.
    events.length = 0;
    expect(rewriteSetCookie(ctx, 'sid=1; Domain=com; Secure')).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['cookie-refused']);
  });

  it('keeps Secure when the public scheme is https or not set', () => {
    for (const options of [{ publicScheme: 'https' as const }, {}]) {
      const other = recordingContext(options);
      expect(rewriteSetCookie(other.ctx, '__Host-id=1; Secure; Path=/; SameSite=None')).toBe('__Host-id=1; Secure; Path=/; SameSite=None');
      expect(other.events).toEqual([]);
    }
  });
});

describe('secureRemoval against tough-cookie (an RFC 6265 parser)', () => {
  const piece = fc.constantFrom(
    'Secure', ' secure ', 'SECURE=1', 'SameSite=None', 'samesite = none', 'SameSite=Lax', 'SameSite=Strict', 'SameSite=bogus',
    'Path=/', 'HttpOnly', 'Domain=example.org', 'Max-Age=60', 'Secured', 'x=Secure', '', ' ',
  );
  it('clears secure and SameSite=None and changes nothing else a parser sees', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const value = ['k=v', ...parts].join(';');
        const before = Cookie.parse(value, { loose: true })!;
        const removal = secureRemoval(value);
        expect(removal !== null).toBe(before.secure);
        if (removal === null) return;
        const after = Cookie.parse(applyEdits(value, removal.edits), { loose: true })!;
        expect(after.secure).toBe(false);
        expect(removal.sameSiteNone).toBe(before.sameSite === 'none');
        expect(after.sameSite).toBe(before.sameSite === 'none' ? undefined : before.sameSite);
        for (const field of ['key', 'value', 'path', 'domain', 'httpOnly', 'maxAge'] as const) expect(after[field]).toEqual(before[field]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cookiePair and needsSecureOrigin (RFC 6265bis section 5.6)', () => {
  it('reads the name before the first = of the pair, trimmed of spaces and tabs', () => {
    expect(cookiePair(' a b \t= c=d ; Path=/')).toEqual({ name: 'a b', value: 'c=d' });
    expect(cookiePair('novalue')).toEqual({ name: '', value: 'novalue' });
    expect(cookiePair('=v')).toEqual({ name: '', value: 'v' });
  });
  it('sees prefixes on the name, or on the value of a nameless cookie', () => {
    expect(needsSecureOrigin('__Secure-a=1')).toBe(true);
    expect(needsSecureOrigin(' __HOST-a=1')).toBe(true);
    expect(needsSecureOrigin('a=__Host-x')).toBe(false);
    expect(needsSecureOrigin('__Secure=1')).toBe(false);
    expect(needsSecureOrigin('_Secure-a=1')).toBe(false);
    expect(needsSecureOrigin('a=1; __Secure-x')).toBe(false);
  });
});
