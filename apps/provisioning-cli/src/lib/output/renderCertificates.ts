import type { CertificateDetails } from '../inspect/schemas.js';
import { formatDate } from './formatDate.js';
import { renderTable } from './renderTable.js';

/** A table of certificates: full id, status, validity, age and attached policies. */
export function renderCertificates(certificates: readonly CertificateDetails[]): string {
  return renderTable(
    ['CERTIFICATE', 'STATUS', 'NOT BEFORE', 'NOT AFTER', 'AGE', 'POLICIES'],
    certificates.map((certificate) => [
      certificate.certificateId,
      certificate.status,
      formatDate(certificate.notBefore),
      formatDate(certificate.notAfter),
      `${certificate.ageDays}d`,
      certificate.policies.join(',') || '-',
    ]),
  );
}
