import {
  CreateKeysAndCertificateRequestSchema,
  type CreateKeysAndCertificateAccepted,
  type PayloadFormat,
} from '@iot-gateway-net/topics';
import type { CloudContext } from '../context/CloudContext.js';
import { deviceCertificateValidity } from '../context/deviceCertificateValidity.js';
import { decodeRequest } from './decodeRequest.js';
import { issueOwnershipToken } from './issueOwnershipToken.js';

/**
 * The MQTT CreateKeysAndCertificate (AWS IoT Developer Guide, "Device provisioning MQTT API"): the
 * local CA issues an EC P-256 key and a certificate of `ctx.deviceCertificateLifetimeDays` (365 by
 * default), registered PENDING_ACTIVATION with a new ownership token.
 *
 * @throws {LocalCloudError} a 400 `InvalidPayload` rejection for a payload other than empty or `{}`.
 */
export async function createKeysAndCertificate(
  ctx: CloudContext,
  format: PayloadFormat,
  payload: Uint8Array,
): Promise<CreateKeysAndCertificateAccepted> {
  decodeRequest(format, payload, CreateKeysAndCertificateRequestSchema, 'CreateKeysAndCertificate');
  const issued = await ctx.ca.issueKeyAndCertificate(deviceCertificateValidity(ctx));
  const { certificate, certificateOwnershipToken } = await issueOwnershipToken(ctx, issued);
  return {
    certificateId: certificate.certificateId,
    certificatePem: certificate.certificatePem,
    privateKey: issued.privateKeyPem,
    certificateOwnershipToken,
  };
}
