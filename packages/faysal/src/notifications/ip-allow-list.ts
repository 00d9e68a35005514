import { isIPv4 } from 'node:net';

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((total, part) => total * 256 + Number(part), 0);
}

function normalise(address: string): string {
  // IPv4 peers of a dual-stack socket appear as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** True when `address` equals an entry or falls in one of its IPv4 CIDR ranges (`203.0.113.0/24`). */
export function isAllowedAddress(address: string | undefined, allowed: readonly string[]): boolean {
  if (address === undefined) return false;
  const peer = normalise(address);
  return allowed.some((entry) => {
    const [network, bits] = entry.split('/');
    if (bits === undefined) return normalise(entry) === peer;
    const prefix = Number(bits);
    if (!isIPv4(peer) || network === undefined || !isIPv4(network) || !(prefix >= 0 && prefix <= 32))
      return false;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return (ipv4ToNumber(peer) & mask) >>> 0 === (ipv4ToNumber(network) & mask) >>> 0;
  });
}
