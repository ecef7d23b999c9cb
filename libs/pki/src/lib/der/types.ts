/** One DER element (identifier, length, contents) inside a byte array, by offsets. */
export interface DerElement {
  /** The identifier octet (this library reads single-octet tags only). */
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the last content octet. */
  readonly end: number;
}
