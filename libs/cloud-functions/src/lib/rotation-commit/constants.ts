/**
 * The thing attribute where the rotation-commit handler records the certificate it retired (a
 * 64-hex certificate id; AWS IoT attribute names and values allow it). amrctl's
 * `runbook renewal-failure --reenable` accepts only a certificate attached to the thing or named
 * here.
 */
export const PREVIOUS_CERTIFICATE_ATTRIBUTE = 'previousCertificateId';
