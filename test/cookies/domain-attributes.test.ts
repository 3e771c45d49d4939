import { describe, expect, it } from 'vitest';
import { Cookie } from 'tough-cookie';
import fc from 'fast-check';
import { findDomainAttributes } from '../../src/cookies/index.js';

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
