const encoder = new TextEncoder();

/** Length of `value` in UTF-8 bytes, the unit AWS IoT uses for every size limit. */
export function utf8ByteLength(value: string): number {
  return encoder.encode(value).byteLength;
}
