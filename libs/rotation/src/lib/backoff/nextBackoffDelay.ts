import { type RotationConfig } from '../config/schemas.js';
import { RotationError } from '../errors/RotationError.js';

/**
 * The delay before retrying after the `attempt`-th consecutive failure (1 for the first), in ms:
 * exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog), drawn
 * uniformly from `[backoffBaseMs, min(backoffCeilingMs, backoffBaseMs × backoffFactor^attempt))`.
 * The floor keeps a crash loop from retrying at once; the jitter spreads a fleet that failed together.
 *
 * @param attempt - consecutive failures so far, including this one (integer ≥ 1)
 * @param config - the backoff settings (`resolveRotationConfig()` gives 5 s, × 2, up to 1 h)
 * @param random - a uniform random number in [0, 1)
 * @throws RotationError `INVALID_ARGUMENT` when `attempt` is not an integer ≥ 1 or `random` is
 *   outside [0, 1).
 */
export function nextBackoffDelay(
  attempt: number,
  config: Pick<RotationConfig, 'backoffBaseMs' | 'backoffFactor' | 'backoffCeilingMs'>,
  random: number,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RotationError(
      'INVALID_ARGUMENT',
      `Unexpected attempt ${attempt}, expected an integer >= 1`,
    );
  }
  if (!(random >= 0 && random < 1)) {
    throw new RotationError(
      'INVALID_ARGUMENT',
      `Unexpected random ${random}, expected a number in [0, 1)`,
    );
  }
  const window = Math.min(
    config.backoffCeilingMs,
    config.backoffBaseMs * Math.pow(config.backoffFactor, attempt),
  );
  return Math.floor(config.backoffBaseMs + random * (window - config.backoffBaseMs));
}
