import type { CloudContext } from '../context/CloudContext.js';
import type { CertificateRecord } from '../registry/types.js';
import { iotResourceArn } from './iotResourceArn.js';

/** What the certificate-creating operations know about a new certificate. */
export interface NewCertificate {
  certificateId: string;
  certificatePem: string;
  notBefore: Date;
  notAfter: Date;
  status: CertificateRecord['status'];
  certificateMode: CertificateRecord['certificateMode'];
  origin: CertificateRecord['origin'];
  caCertificateId?: string;
}

/** The registry record of a certificate created now by an API call. */
export function newCertificateRecord(
  ctx: CloudContext,
  cert: NewCertificate,
): Omit<CertificateRecord, 'customerVersion' | 'lastModifiedDate'> {
  return {
    certificateId: cert.certificateId,
    certificateArn: iotResourceArn(ctx, 'cert', cert.certificateId),
    certificatePem: cert.certificatePem,
    status: cert.status,
    ...(cert.caCertificateId === undefined ? {} : { caCertificateId: cert.caCertificateId }),
    creationDate: ctx.clock.now(),
    notBefore: cert.notBefore.getTime(),
    notAfter: cert.notAfter.getTime(),
    certificateMode: cert.certificateMode,
    origin: cert.origin,
  };
}
