/** Source-address checks of inbound connections (spec §3 remote check, §5.3 step 1). */
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '@wirebridge/core';

/** IPs / CIDRs (IPv4 or IPv6), or a predicate on the peer address. */
export type CooconAllowList = string[] | ((remoteAddress: string) => boolean);

/**
 * Compiles an allow-list into a predicate. `::ffff:a.b.c.d` peers are matched as IPv4.
 * @throws {ConfigError} naming the entry index for an invalid IP or CIDR. @internal
 */
export function compileAllowList(
  allowList: CooconAllowList | undefined,
  option: string,
): (address: string | undefined) => boolean {
  if (allowList === undefined) return () => false;
  if (typeof allowList === 'function') {
    return (address) => {
      if (address === undefined) return false;
      try {
        return allowList(normalize(address)) === true;
      } catch {
        return false;
      }
    };
  }
  if (!Array.isArray(allowList))
    throw new ConfigError({ message: `${option}: must be an array of IPs/CIDRs or a function` });
  const blockList = new BlockList();
  allowList.forEach((entry, index) => {
    const [address, prefix, extra] = typeof entry === 'string' ? entry.trim().split('/') : [];
    const family = address === undefined ? 0 : isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > maxBits))
    ) {
      throw new ConfigError({ message: `${option}[${index}]: not an IP address or CIDR` });
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) blockList.addAddress(address!, type);
    else blockList.addSubnet(address!, bits, type);
  });
  return (address) => {
    if (address === undefined) return false;
    const normalized = normalize(address);
    const family = isIP(normalized);
    if (family === 0) return false;
    return blockList.check(normalized, family === 6 ? 'ipv6' : 'ipv4');
  };
}

function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
