import {
  DescribeCertificateCommand,
  ListAttachedPoliciesCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { parseCertificate } from '@iot-gateway-net/pki';
import { CliError } from '../errors/CliError.js';
import { DAY, type CertificateDetails } from './schemas.js';

/**
 * Reads one certificate (DescribeCertificate) and its attached policies (ListAttachedPolicies):
 * status, subject CN, validity, age and time left at `now`.
 *
 * @throws {CliError} `NOT_FOUND` when the certificate does not exist; AWS errors as thrown.
 */
export async function loadCertificateDetails(
  iot: IoTClient,
  certificateId: string,
  now: Date,
): Promise<CertificateDetails> {
  let description;
  try {
    description = (await iot.send(new DescribeCertificateCommand({ certificateId })))
      .certificateDescription;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') {
      throw new CliError('NOT_FOUND', `No certificate "${certificateId}" in this account`, {
        cause: error,
      });
    }
    throw error;
  }
  const arn = description?.certificateArn ?? '';
  const parsed =
    description?.certificatePem === undefined
      ? undefined
      : parseCertificate(description.certificatePem);
  const notBefore = description?.validity?.notBefore ?? parsed?.notBefore ?? new Date(0);
  const notAfter = description?.validity?.notAfter ?? parsed?.notAfter ?? new Date(0);
  const policies: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iot.send(
      new ListAttachedPoliciesCommand({ target: arn, recursive: false, marker }),
    );
    for (const policy of page.policies ?? []) {
      if (policy.policyName !== undefined) policies.push(policy.policyName);
    }
    marker = page.nextMarker;
  } while (marker !== undefined && marker !== '');
  return {
    certificateId,
    certificateArn: arn,
    status: description?.status ?? 'UNKNOWN',
    ...(parsed?.commonName === undefined ? {} : { commonName: parsed.commonName }),
    ...(description?.creationDate === undefined
      ? {}
      : { createdAt: description.creationDate.toISOString() }),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    ageDays: Math.floor((now.getTime() - notBefore.getTime()) / DAY),
    expiresInDays: Math.floor((notAfter.getTime() - now.getTime()) / DAY),
    policies,
  };
}
