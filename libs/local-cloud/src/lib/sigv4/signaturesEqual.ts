import { timingSafeEqual } from 'node:crypto';

/** Compares two lowercase hex signatures (or tokens) in constant time; different lengths are unequal. */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
