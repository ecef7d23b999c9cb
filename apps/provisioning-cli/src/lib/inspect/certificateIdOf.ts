import { CliError } from '../errors/CliError.js';

const ID = /^[0-9a-f]{64}$/u;
const ARN = /^arn:[^:]+:iot:[^:]*:\d*:cert\/([0-9a-f]{64})$/u;

/**
 * The certificate id in a certificate id or ARN (`arn:aws:iot:REGION:ACCOUNT:cert/<id>`).
 *
 * @throws {CliError} `USAGE` naming the value when it is neither.
 */
export function certificateIdOf(idOrArn: string): string {
  if (ID.test(idOrArn)) return idOrArn;
  const match = ARN.exec(idOrArn);
  if (match?.[1] !== undefined) return match[1];
  throw new CliError(
    'USAGE',
    `Unexpected certificate "${idOrArn}", expected a 64-hex certificate id or arn:aws:iot:REGION:ACCOUNT:cert/<id>`,
  );
}
