import type { ShadowError as ShadowErrorPayload, ShadowGetAccepted } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import { ShadowError } from '../errors/ShadowError.js';
import { buildGetAccepted } from './buildGetAccepted.js';

/** Options of {@link getShadow}. */
export interface GetShadowOptions {
  /** Epoch milliseconds; timestamps in the answer are its epoch seconds. */
  now: number;
  /** The thing the shadow belongs to (named in the 404 of a classic shadow). */
  thingName: string;
  /** The named shadow's name; omit for the classic shadow. */
  shadowName?: string;
  /** The request's `clientToken`, echoed. */
  clientToken?: string;
}

/** What {@link getShadow} returns. */
export type GetShadowResult =
  | { ok: true; accepted: ShadowGetAccepted }
  | { ok: false; error: ShadowErrorPayload };

/**
 * Answers a GET: {@link buildGetAccepted} for an existing shadow, or 404
 * `No shadow exists with name: '<name>'` when it never existed or was deleted (the name is the
 * shadow name, or the thing name for the classic shadow, as AWS answers). Never throws.
 */
export function getShadow(
  stored: StoredShadow | undefined,
  options: GetShadowOptions,
): GetShadowResult {
  const echo = options.clientToken === undefined ? {} : { clientToken: options.clientToken };
  if (stored === undefined || stored.deletedAt !== undefined) {
    const error = ShadowError.shadowNotFound(options.thingName, options.shadowName, echo);
    return { ok: false, error: error.toPayload({ now: options.now }) };
  }
  return { ok: true, accepted: buildGetAccepted(stored, { now: options.now, ...echo }) };
}
