import { CliError } from '../errors/CliError.js';

// Thing names are [a-zA-Z0-9:_-]{1,128} (CreateThing); a serial must also fit the claim
// certificate's CN `device-claim:<serial>` (64 characters at most).
const SERIAL = /^[A-Za-z0-9_-][A-Za-z0-9:_-]{0,49}$/u;

/**
 * Checks a robot serial number (`001`, `SN-2024-0001`): 1–50 of `A-Z a-z 0-9 : _ -`, not
 * starting with `:`.
 *
 * @throws {CliError} `USAGE` naming the value and the expected form.
 */
export function parseSerial(value: string): string {
  if (!SERIAL.test(value)) {
    throw new CliError(
      'USAGE',
      `Unexpected serial "${value}", expected 1-50 characters of A-Z a-z 0-9 : _ - (not starting with ":")`,
    );
  }
  return value;
}
