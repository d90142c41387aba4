import net from 'node:net';

// Loopback, private (RFC 1918, unique local), link-local (cloud metadata lives at 169.254.169.254),
// carrier-grade NAT, "this network", multicast and reserved ranges: none is a public webhook consumer.
const BLOCKED: Array<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], ['10.0.0.0', 8, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['127.0.0.0', 8, 'ipv4'], ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['198.18.0.0', 15, 'ipv4'], ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'], ['::1', 128, 'ipv6'], ['fc00::', 7, 'ipv6'], ['fe80::', 10, 'ipv6'], ['ff00::', 8, 'ipv6'], ['64:ff9b::', 96, 'ipv6'],
];

const blocked = new net.BlockList();
for (const [address, prefix, family] of BLOCKED) blocked.addSubnet(address, prefix, family);

/** Addresses (`10.1.2.3`) or ranges (`10.0.0.0/8`, `fd00::/8`) a tenant allows webhooks to reach. */
export function allowList(entries: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** True when `address` (an IP) is not a public address and the tenant's allow list does not cover it. */
export function isForbiddenAddress(address: string, allowed: net.BlockList): boolean {
  const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isForbiddenAddress(mapped[1], allowed);
  if (allowed.check(address, family)) return false;
  return blocked.check(address, family);
}

export function isValidAllowEntry(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !net.isIP(address)) return false;
  if (prefix === undefined) return true;
  const max = net.isIPv6(address) ? 128 : 32;
  return /^\d+$/.test(prefix) && Number(prefix) <= max;
}
