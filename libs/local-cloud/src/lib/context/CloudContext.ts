import type { CertificateAuthority } from '@iot-gateway-net/pki';
import type { Registry } from '../registry/types.js';
import type { Clock } from './Clock.js';
import type { CredentialStore } from './CredentialStore.js';
import type { Logger } from './Logger.js';
import type { Metrics } from './Metrics.js';

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
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}
