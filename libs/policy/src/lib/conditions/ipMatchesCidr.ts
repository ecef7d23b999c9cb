import { parseIpAddress } from './parseIpAddress.js';

/**
 * True when `address` lies in `cidr` (`203.0.113.0/24`, `2001:db8::/32`; a bare address means
 * /32 or /128, IAM User Guide, "IP address condition operators"). IPv4 never matches an IPv6
 * range or the reverse. Never throws; anything unreadable does not match.
 */
export function ipMatchesCidr(address: string, cidr: string): boolean {
  const slash = cidr.indexOf('/');
  const network = parseIpAddress(slash < 0 ? cidr : cidr.slice(0, slash));
  const candidate = parseIpAddress(address);
  if (network === undefined || candidate === undefined || network.length !== candidate.length) {
    return false;
  }
  const bits = network.length * 8;
  const prefixText = slash < 0 ? String(bits) : cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return false;
  }
  let remaining = Number(prefixText);
  for (let index = 0; remaining > 0; index += 1) {
    const take = Math.min(8, remaining);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((network[index] ?? 0) & mask) !== ((candidate[index] ?? 0) & mask)) {
      return false;
    }
    remaining -= take;
  }
  return true;
}
