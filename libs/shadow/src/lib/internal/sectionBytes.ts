import type { ShadowSection } from '../document/schemas.js';
import { utf8ByteLength } from './utf8ByteLength.js';

/** Size of a stored section as compact UTF-8 JSON; 0 when absent. */
export function sectionBytes(section: ShadowSection | undefined): number {
  return section === undefined ? 0 : utf8ByteLength(JSON.stringify(section));
}
