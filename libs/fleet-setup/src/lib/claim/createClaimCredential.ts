import {
  AttachPolicyCommand,
  DeleteCertificateCommand,
  DetachPolicyCommand,
  RegisterCertificateWithoutCACommand,
  UpdateCertificateCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { createSelfSignedCertificate } from '@iot-gateway-net/pki';
import { awsCall } from '../aws/awsCall.js';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { parseOptions } from '../errors/parseOptions.js';
import {
  CreateClaimCredentialOptionsSchema,
  type ClaimCredential,
  type CreateClaimCredentialOptions,
} from './schemas.js';

/**
 * Makes one claim credential (design 12.1, issue 6 item 3): a self-signed EC P-256 certificate
 * (`createSelfSignedCertificate` of `@iot-gateway-net/pki`), registered with
 * RegisterCertificateWithoutCA as ACTIVE, with the claim policy attached. One per robot is the
 * design's recommendation, so a leaked claim can be deactivated alone.
 *
 * If attaching the policy fails, the registration is undone (policy detached, certificate set
 * INACTIVE and deleted — DeleteCertificate refuses an ACTIVE one), so nothing half-made remains.
 *
 * Defaults: claim policy `amr-claim`, common name `device-claim`, validity `7300` days (20 years).
 *
 * @throws {FleetSetupError} `INVALID_OPTIONS` naming the bad option; `AWS_ERROR` naming the failing
 *   operation (when undoing failed too, the message says which certificate id is left behind);
 *   `UNEXPECTED_RESPONSE` when the registration answer lacks the certificate's ARN or id.
 */
export async function createClaimCredential(
  options: CreateClaimCredentialOptions,
): Promise<ClaimCredential> {
  const o = parseOptions(CreateClaimCredentialOptionsSchema, options, 'createClaimCredential');
  const issued = await createSelfSignedCertificate({
    now: o.now,
    commonName: o.commonName,
    lifetimeDays: o.validityDays,
  });
  const registered = await awsCall('RegisterCertificateWithoutCA', () =>
    o.iot.send(
      new RegisterCertificateWithoutCACommand({
        certificatePem: issued.certificatePem,
        status: 'ACTIVE',
      }),
    ),
  );
  const { certificateArn, certificateId } = registered;
  if (certificateArn === undefined || certificateId === undefined) {
    throw new FleetSetupError(
      'UNEXPECTED_RESPONSE',
      `RegisterCertificateWithoutCA answered without ${certificateArn === undefined ? 'certificateArn' : 'certificateId'}`,
    );
  }
  try {
    await awsCall('AttachPolicy', () =>
      o.iot.send(
        new AttachPolicyCommand({ policyName: o.claimPolicyName, target: certificateArn }),
      ),
    );
  } catch (error) {
    const leftOver = await undoRegistration(
      o.iot,
      o.claimPolicyName,
      certificateArn,
      certificateId,
    );
    if (leftOver === undefined) throw error;
    throw new FleetSetupError(
      'AWS_ERROR',
      `${(error as Error).message}; undoing the registration of certificate ${certificateId} failed too: ${leftOver}`,
      { cause: error },
    );
  }
  return {
    certificateId,
    certificateArn,
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
  };
}

/**
 * Detach (in case the attach took effect but its answer was lost), deactivate, delete. Returns the
 * failure that stopped it, or `undefined` when the certificate is gone.
 */
async function undoRegistration(
  iot: IoTClient,
  policyName: string,
  certificateArn: string,
  certificateId: string,
): Promise<string | undefined> {
  await iot
    .send(new DetachPolicyCommand({ policyName, target: certificateArn }))
    .catch(() => undefined);
  try {
    await awsCall('UpdateCertificate', () =>
      iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' })),
    );
    await awsCall('DeleteCertificate', () =>
      iot.send(new DeleteCertificateCommand({ certificateId })),
    );
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
