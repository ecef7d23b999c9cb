import type { CertificateAuthority } from '@iot-gateway-net/pki';
import type { Registry } from '../registry/types.js';
import type { Clock } from './Clock.js';
import type { CredentialStore } from './CredentialStore.js';
import type { Logger } from './Logger.js';
import type { Metrics } from './Metrics.js';

/** Lifetime of device certificates when the context does not say (design 3.3: one year). */
export const DEFAULT_DEVICE_CERTIFICATE_LIFETIME_DAYS = 365;

/**
 * Everything the local cloud's components share, built once by `startLocalCloud` and handed to
 * each component's factory. Components never reach for globals (time, env, files) directly.
 */
export interface CloudContext {
  /** AWS region the local cloud pretends to be in. Defaults to `ap-northeast-1` (design 1). */
  readonly region: string;
  /** 12-digit account id used in ARNs. Defaults to `000000000000`. */
  readonly accountId: string;
  /** Host name devices connect to (the `iotEndpoint` of endpoints.json). */
  readonly endpointHost: string;
  readonly registry: Registry;
  readonly credentials: CredentialStore;
  /** The local root CA: signs the server certificate and (issue 4) device certificates. */
  readonly ca: CertificateAuthority;
  /** PEM of the local root CA (what clients trust). */
  readonly rootCaPem: string;
  /**
   * Lifetime of device certificates the local CA issues (CreateKeysAndCertificate,
   * CreateCertificateFromCsr, fleet provisioning). Defaults to `365` days (design 3.3). AWS itself
   * signs until 2049 unless a certificate provider is configured (aws-wire.md section 1).
   */
  readonly deviceCertificateLifetimeDays?: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}
