/**
 * The thing attribute where the rotation-commit handler records the certificate a rotation
 * retired (`PREVIOUS_CERTIFICATE_ATTRIBUTE` of `@iot-gateway-net/cloud-functions`, which amrctl
 * does not depend on; `reenableHistory.integ.spec.ts` commits a real rotation through the local
 * cloud's rule to keep the two in step). `renewal-failure --reenable` accepts only a certificate
 * attached to the thing or named here.
 */
export const PREVIOUS_CERTIFICATE_ATTRIBUTE = 'previousCertificateId';
