import { describe, expect, it } from 'vitest';
import { Cookie } from 'tough-cookie';
import fc from 'fast-check';
import { findCookieAttributes, findDomainAttributes } from '../../src/cookies/index.js';

describe('findDomainAttributes', () => {
  it('locates the trimmed value and the whole attribute', () => {
    const v = 'a=1; Path=/;  Domain = .Example.com ; Secure';
    const [d] = findDomainAttributes(v);
    expect(v.slice(d.valueStart, d.valueEnd)).toBe('.Example.com');
    expect(v.slice(d.attrStart, d.attrEnd)).toBe(';  Domain = .Example.com ');
    expect(d.domain).toBe('example.com');
  });

  it('ignores the cookie pair, lookalike names and empty values', () => {
    expect(findDomainAttributes('domain=example.com')).toEqual([]);
    expect(findDomainAttributes('a=1; domains=example.com; xdomain=example.com; Domain; Domain=; Domain=.')).toEqual([]);
  });

  it('agrees with tough-cookie on the effective domain', () => {
    const piece = fc.constantFrom('Domain=', 'domain =', ' DOMAIN=', 'Path=/', 'Secure', '=', ';', ' ', '.', 'example.com', 'A.b', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const value = 'k=v;' + parts.join('');
        const parsed = Cookie.parse(value, { loose: true });
        const found = findDomainAttributes(value);
        const mine = found.length === 0 ? null : found[found.length - 1].domain;
        expect(mine).toBe(parsed?.domain ?? null);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('findCookieAttributes', () => {
  it('finds attributes with and without a value, by case-insensitive name', () => {
    const v = 'a=Secure; Secure;secure=1 ; Path=/Secure;  SECURE  ';
    const found = findCookieAttributes(v, 'secure');
    expect(found.map((a) => v.slice(a.attrStart, a.attrEnd))).toEqual(['; Secure', ';secure=1 ', ';  SECURE  ']);
    expect(found.map((a) => v.slice(a.valueStart, a.valueEnd))).toEqual(['', '1', '']);
  });

  it('agrees with tough-cookie on whether a cookie is Secure', () => {
    const piece = fc.constantFrom('Secure', 'secure', ' SECURE ', '=', ';', ' ', 'Secur', 'e', 'x', '1', 'Path=/', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const value = 'k=v;' + parts.join('');
        expect(findCookieAttributes(value, 'secure').length > 0).toBe(Cookie.parse(value, { loose: true })?.secure ?? false);
      }),
      { numRuns: 2000 },
    );
  });
});
