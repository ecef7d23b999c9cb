import { randomBytes } from 'node:crypto';

/**
 * A fresh random serial number: 16 random octets (126 bits of entropy; the CA/Browser Forum asks for at
 * least 64), the first octet forced into 0x40-0x7f so that the integer is
 * positive and always exactly 16 octets long. Returned as 32 lowercase hex digits.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return bytes.toString('hex');
}
