import {
  createCertificateAuthority,
  loadCertificateAuthority,
  type CertificateAuthority,
} from '@iot-gateway-net/pki';

/**
 * A new self-signed CA (an integrator's CA for JITR/JITP specs), valid from `now`, loaded so that
 * it can issue certificates.
 */
export async function createTestCa(commonName: string, now: Date): Promise<CertificateAuthority> {
  const issued = await createCertificateAuthority({ commonName, now });
  return loadCertificateAuthority({
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
  });
}
