import { createCsr, generateKeyPair, type CertificateAuthority } from '@iot-gateway-net/pki';
import type { DeviceCredentials } from './types.js';

/** Options of {@link issueTestCertificate}. */
export interface IssueTestCertificateOptions {
  /** Start of validity. */
  readonly now: Date;
  /** Subject C, for templates that read `AWS::IoT::Certificate::Country`. Defaults to none. */
  readonly country?: string;
  /** Defaults to `30` days. */
  readonly lifetimeDays?: number;
}

/**
 * Issues a device certificate with subject CN `commonName` from `ca` for a new key pair, as an
 * integrator's factory would.
 */
export async function issueTestCertificate(
  ca: CertificateAuthority,
  commonName: string,
  options: IssueTestCertificateOptions,
): Promise<DeviceCredentials> {
  const keys = await generateKeyPair();
  const csr = await createCsr({
    keys,
    commonName,
    ...(options.country === undefined ? {} : { country: options.country }),
  });
  const issued = await ca.issueFromCsr(csr, {
    now: options.now,
    lifetimeDays: options.lifetimeDays ?? 30,
  });
  return { certificatePem: issued.certificatePem, privateKeyPem: keys.privateKeyPem };
}
