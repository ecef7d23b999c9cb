import { PkiError } from '../errors/PkiError.js';
import { DAY_MS, LAST_ENCODABLE_MS, type ValidityOptions } from './schemas.js';

/**
 * Turns `now` and a lifetime into `notBefore`/`notAfter`. `notBefore` is `now` rounded down to the
 * second, so `notAfter - notBefore` is exactly the lifetime asked for.
 *
 * @throws {PkiError} `INVALID_ARGUMENT` when both lifetimes are given or `notAfter` would pass year 9999.
 */
export function resolveValidity(
  options: ValidityOptions,
  defaultLifetimeDays: number,
): { notBefore: Date; notAfter: Date } {
  if (options.lifetimeDays !== undefined && options.lifetimeMs !== undefined) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      `Received both lifetimeDays (${options.lifetimeDays}) and lifetimeMs (${options.lifetimeMs}), expected at most one`,
    );
  }
  const lifetimeMs = options.lifetimeMs ?? (options.lifetimeDays ?? defaultLifetimeDays) * DAY_MS;
  const notBeforeMs = Math.floor(options.now.getTime() / 1000) * 1000;
  const notAfterMs = notBeforeMs + lifetimeMs;
  if (notAfterMs > LAST_ENCODABLE_MS) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      `The lifetime of ${lifetimeMs} ms ends after 9999-12-31T23:59:59Z, expected a notAfter X.509 can encode`,
    );
  }
  return { notBefore: new Date(notBeforeMs), notAfter: new Date(notAfterMs) };
}
