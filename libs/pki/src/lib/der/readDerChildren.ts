import { readDerElement } from './readDerElement.js';
import type { DerElement } from './types.js';

/**
 * The elements that exactly fill the contents of `parent` (a SEQUENCE, SET or other constructed
 * element of `der`), in order.
 *
 * @returns the children, or `undefined` when the contents are not a whole number of strict DER
 *   elements. Never throws.
 */
export function readDerChildren(der: Uint8Array, parent: DerElement): DerElement[] | undefined {
  const children: DerElement[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readDerElement(der, offset, parent.end);
    if (child === undefined) {
      return undefined;
    }
    children.push(child);
    offset = child.end;
  }
  return children;
}
