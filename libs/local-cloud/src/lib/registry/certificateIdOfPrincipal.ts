import { LocalCloudError } from '../errors/LocalCloudError.js';

const CERT_ARN = /^arn:aws[a-z-]*:iot:[a-z0-9-]+:\d{12}:cert\/(.*)$/;

/**
 * The certificate id a principal names, when it is a certificate ARN; `undefined` for other
 * principals (Cognito identity ids, thing group ARNs). The caller checks the ARN's region and
 * account by comparing it with the certificate's own ARN.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` for a certificate ARN whose id is not 64 hex digits.
 */
export function certificateIdOfPrincipal(principal: string): string | undefined {
  const match = CERT_ARN.exec(principal);
  if (!match) return undefined;
  const id = match[1] ?? '';
  if (!/^[0-9a-f]{64}$/.test(id)) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected certificate id "${id}" in principal "${principal}", expected 64 lowercase hex digits`,
    );
  }
  return id;
}
