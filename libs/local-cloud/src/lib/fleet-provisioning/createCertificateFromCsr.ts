import { PkiError } from '@iot-gateway-net/pki';
import {
  CreateCertificateFromCsrRequestSchema,
  type CreateCertificateFromCsrAccepted,
  type PayloadFormat,
} from '@iot-gateway-net/topics';
import type { CloudContext } from '../context/CloudContext.js';
import { deviceCertificateValidity } from '../context/deviceCertificateValidity.js';
import { decodeRequest } from './decodeRequest.js';
import { issueOwnershipToken } from './issueOwnershipToken.js';
import { provisioningFailure } from './provisioningFailure.js';

// CreateCertificateFromCsr (API reference): certificateSigningRequest is 1–4096 characters.
const MAX_CSR_LENGTH = 4096;

/**
 * The MQTT CreateCertificateFromCsr (AWS IoT Developer Guide, "Device provisioning MQTT API"): the
 * local CA signs the CSR for `ctx.deviceCertificateLifetimeDays` (365 by default) and the
 * certificate is registered PENDING_ACTIVATION with a new ownership token.
 *
 * @throws {LocalCloudError} a 400 `InvalidPayload` rejection for an undecodable payload, a 400
 *   `InvalidRequest` one for an empty, oversized or malformed CSR or a key AWS refuses; nothing is
 *   stored then.
 */
export async function createCertificateFromCsr(
  ctx: CloudContext,
  format: PayloadFormat,
  payload: Uint8Array,
): Promise<CreateCertificateFromCsrAccepted> {
  const request = decodeRequest(
    format,
    payload,
    CreateCertificateFromCsrRequestSchema,
    'CreateCertificateFromCsr',
  );
  const csr = request.certificateSigningRequest;
  if (csr.length === 0 || csr.length > MAX_CSR_LENGTH) {
    throw provisioningFailure(
      400,
      'InvalidRequest',
      `Unexpected certificateSigningRequest of ${csr.length} characters, expected a PEM CSR of 1 to ${MAX_CSR_LENGTH}`,
    );
  }
  let issued;
  try {
    issued = await ctx.ca.issueFromCsr(csr, deviceCertificateValidity(ctx));
  } catch (error) {
    if (error instanceof PkiError) {
      throw provisioningFailure(
        400,
        'InvalidRequest',
        `Unexpected certificateSigningRequest: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
  const { certificate, certificateOwnershipToken } = await issueOwnershipToken(ctx, issued);
  return {
    certificateId: certificate.certificateId,
    certificatePem: certificate.certificatePem,
    certificateOwnershipToken,
  };
}
