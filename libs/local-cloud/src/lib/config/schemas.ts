import { AccountIdSchema, RegionSchema } from '@iot-gateway-net/policy';
import { z } from 'zod';

const PortSchema = z.number().int().min(0).max(65_535);

/**
 * Options of `startLocalCloud`, as a schema so the executable can parse them from flags and files
 * with the same rules. Ports `0` pick ephemeral ports.
 */
export const LocalCloudOptionsSchema = z.object({
  /** Directory for the registry, the local root CA, the server certificate and endpoints.json. */
  dataDir: z.string().min(1),
  /** Address the servers bind to. Defaults to `127.0.0.1` (loopback only). */
  bindAddress: z.string().min(1).default('127.0.0.1'),
  /**
   * Host names in the server certificate; the first is the `iotEndpoint` clients connect to.
   * Defaults to `['localhost']`. `127.0.0.1` and `::1` are always in the certificate.
   */
  hostnames: z.array(z.string().min(1)).min(1).default(['localhost']),
  ports: z
    .object({
      /** MQTT over TLS with client certificates (AWS: 8883). Defaults to `0`. */
      mqtts: PortSchema.default(0),
      /** HTTPS data plane and MQTT over WebSocket at `/mqtt` (AWS: 443). Defaults to `0`. */
      https: PortSchema.default(0),
      /** Control plane (AWS IoT REST API) and `/metrics`, plain HTTP. Defaults to `0`. */
      controlPlane: PortSchema.default(0),
    })
    .default({ mqtts: 0, https: 0, controlPlane: 0 }),
  /** Defaults to `ap-northeast-1` (design section 1). */
  region: RegionSchema.default('ap-northeast-1'),
  /** Defaults to `000000000000`. */
  accountId: AccountIdSchema.default('000000000000'),
  /** Defaults to `'info'`. */
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Lifetime of certificates the local CA issues to devices, in days; fractions allowed (rotation
   * tests use seconds: `40 / 86_400`). Defaults to `365` days (design 3.3).
   */
  deviceCertificateLifetimeDays: z.number().positive().max(3650).default(365),
  /** Publishes per second per connection before the broker throttles. Defaults to `100` (AWS quota). */
  publishRateLimit: z.number().int().positive().default(100),
  /** How long a template's pre-provisioning hook may take. Defaults to `5_000` ms (AWS). */
  preProvisioningHookTimeoutMs: z.number().int().positive().default(5_000),
  /**
   * Policy the JITR activator attaches to just-in-time registered certificates. Unset (the default):
   * no activator runs and such certificates stay PENDING_ACTIVATION, as on AWS without a JITR rule.
   */
  jitrProductionPolicyName: z.string().min(1).max(128).optional(),
  /** Payload bytes per second per connection before the broker throttles. Defaults to `524_288` (AWS: 512 KiB/s). */
  publishBytesPerSecond: z.number().int().positive().default(524_288),
});

/** Options of `startLocalCloud` as callers write them (defaults optional). */
export type LocalCloudOptions = z.input<typeof LocalCloudOptionsSchema>;
/** Options after defaults were applied. */
export type ResolvedLocalCloudOptions = z.output<typeof LocalCloudOptionsSchema>;

/**
 * `<dataDir>/endpoints.json`, written when the local cloud is ready: everything a client needs to
 * reach it. It holds the control-plane secret, so it is written with mode 0600.
 */
export const EndpointsSchema = z.object({
  region: z.string(),
  accountId: z.string(),
  /** Host devices connect to (AWS: the `iot:Data-ATS` endpoint). */
  iotEndpoint: z.string(),
  mqttsPort: z.number().int(),
  /** `wss://<host>:<port>/mqtt`. */
  wssUrl: z.string(),
  /** `https://<host>:<port>` (HTTPS publish, shadows, retained messages). */
  httpsDataUrl: z.string(),
  /** `http://<host>:<port>` (AWS IoT REST API for `@aws-sdk/client-iot`). */
  controlPlaneUrl: z.string(),
  /** `http://<host>:<port>/metrics`. */
  metricsUrl: z.string(),
  /** PEM of the local root CA clients must trust. */
  rootCaPath: z.string(),
  controlPlaneCredentials: z.object({
    accessKeyId: z.string(),
    secretAccessKey: z.string(),
  }),
  /** Process id of the local cloud (to stop it). */
  pid: z.number().int(),
  startedAt: z.string(),
});

/** Contents of `<dataDir>/endpoints.json`. */
export type Endpoints = z.infer<typeof EndpointsSchema>;
