import { describe, expect, it } from 'vitest';
import { blockWhen, decide } from './classify.js';
import { fileDouble } from './file-double.js';

const matches = async (range: string, ip: string) => (await decide(blockWhen({ ip: [range] }), fileDouble(), { ip })).action === 'block';

describe('ip dimension', () => {
  it.each([
    ['203.0.113.0/24', '203.0.113.255', true],
    ['203.0.113.0/24', '203.0.114.0', false],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.8', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    // A range written with host bits set is its network (as in firewall rules).
    ['10.1.2.3/8', '10.200.0.1', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', true],
    ['fe80::/10', 'fe80::1%eth0', true],
    ['::1', '[::1]', true],
  ])('%s contains %s: %s', async (range, ip, expected) => {
    expect(await matches(range, ip)).toBe(expected);
  });

  it.each([
    // An IPv4-mapped IPv6 client (a dual-stack server's view of an IPv4 client) is the IPv4 address.
    ['203.0.113.0/24', '::ffff:203.0.113.9', true],
    ['203.0.113.0/24', '::ffff:cb00:7109', true],
    // A mapped range in the policy is an IPv4 range.
    ['::ffff:203.0.113.0/120', '203.0.113.9', true],
    ['::ffff:203.0.113.0/120', '203.0.114.9', false],
    ['::ffff:203.0.113.9', '203.0.113.9', true],
    // Kinds do not mix otherwise: an IPv6 range holds no IPv4 address, an IPv4 range no IPv6 one.
    ['::/0', '203.0.113.9', false],
    ['0.0.0.0/0', '2001:db8::1', false],
  ])('IPv4-mapped: %s contains %s: %s', async (range, ip, expected) => {
    expect(await matches(range, ip)).toBe(expected);
  });

  it('a negated range with an IPv6 client outside it matches', async () => {
    expect((await decide(blockWhen({ ip: ['!10.0.0.0/8', '!fc00::/7'] }), fileDouble(), { ip: '2001:db8::1' })).action).toBe('block');
    expect((await decide(blockWhen({ ip: ['!10.0.0.0/8', '!fc00::/7'] }), fileDouble(), { ip: 'fd00::1' })).action).toBe('allow');
  });
});
