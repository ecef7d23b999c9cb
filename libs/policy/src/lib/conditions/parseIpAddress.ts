const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): number[] | undefined {
  const match = IPV4.exec(text);
  if (match === null) {
    return undefined;
  }
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function parseHextets(text: string): number[] | undefined {
  if (text === '') {
    return [];
  }
  const bytes: number[] = [];
  for (const group of text.split(':')) {
    if (!HEXTET.test(group)) {
      return undefined;
    }
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

function parseIpv6(text: string): number[] | undefined {
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (v4 === undefined) {
      return undefined;
    }
    tail = v4;
    body = body.slice(0, lastColon + 1);
    body = body.endsWith('::') ? body : body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const head = parseHextets(halves[0] ?? '');
  const rest = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) {
    return undefined;
  }
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1) {
    return known === 16 ? [...head, ...tail] : undefined;
  }
  if (known > 14) {
    return undefined;
  }
  return [...head, ...new Array<number>(16 - known).fill(0), ...rest, ...tail];
}

/**
 * Reads an IPv4 (`203.0.113.7`) or IPv6 (`2001:db8::1`, `::ffff:192.0.2.1`) address into its
 * bytes. Never throws.
 *
 * @returns 4 or 16 bytes, or `undefined` when `text` is not an address.
 */
export function parseIpAddress(text: string): Uint8Array | undefined {
  const bytes = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  return bytes === undefined ? undefined : Uint8Array.from(bytes);
}
