import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * An `ip` value: one address or a CIDR range. IPv4-mapped IPv6 addresses
 * (`::ffff:10.0.0.1`) are the IPv4 address they carry, on either side, so a dual-stack
 * server's view of an IPv4 client matches IPv4 rules. An IPv6 range does not contain
 * IPv4 addresses (`::/0` is every IPv6 address, not every address).
 */
export interface IpRange {
  readonly source: string;
  contains(address: ClientAddress): boolean;
}

/** A session IP, parsed once per file. */
export interface ClientAddress {
  readonly address: Address;
}

/**
 * Parses a policy value strictly: IPv4 in dotted-quad form only (`10.1` and `010.0.0.1`
 * read differently in different tools), no IPv6 zone.
 */
export function parseIpRange(source: string): IpRange | null {
  const slash = source.indexOf('/');
  const host = slash < 0 ? source : source.slice(0, slash);
  if (!isStrictAddress(host)) return null;
  let network: Address;
  let bits: number;
  if (slash < 0) {
    network = ipaddr.parse(host);
    bits = network.kind() === 'ipv4' ? 32 : 128;
  } else {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(source.slice(slash + 1)) || !ipaddr.isValidCIDR(source)) return null;
    [network, bits] = ipaddr.parseCIDR(source);
  }
  if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    network = (network as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  return {
    source,
    contains: ({ address }) => address.kind() === network.kind() && address.match(network, bits),
  };
}

/** The session's IP, or null when it is not an IP address (then the dimension reads it as absent). */
export function parseClientAddress(ip: string): ClientAddress | null {
  // A zone (`fe80::1%eth0`) says which interface, not which address.
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return null;
  return { address: ipaddr.process(bare) };
}

function isStrictAddress(host: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(host) || (ipaddr.IPv6.isValid(host) && !host.includes('%'));
}
