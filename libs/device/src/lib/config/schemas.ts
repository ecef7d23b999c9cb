import { RotationConfigSchema } from '@iot-gateway-net/rotation';
import { PAYLOAD_FORMATS, TemplateNameSchema, ThingNameSchema } from '@iot-gateway-net/topics';
import { z } from 'zod';

const DAY_MS = 86_400_000;

const nonEmptyPath = z.string().min(1, { error: 'expected a non-empty path' });

/** Where the daemon finds the broker: AWS IoT's ATS endpoint or the local cloud. */
export const EndpointConfigSchema = z.strictObject({
  /** Host name of the MQTT over TLS endpoint (`xxxxxxxx-ats.iot.<region>.amazonaws.com`). */
  host: z.string().min(1, { error: 'expected a host name' }),
  /** MQTT over TLS port. Defaults to `8883` (AWS IoT Core). */
  port: z.number().int().min(1).max(65_535).default(8883),
});

/** Fleet provisioning by claim (design 2.4): which template, which parameters, which method. */
export const ProvisioningConfigSchema = z.strictObject({
  /** The fleet-provisioning template RegisterThing runs. */
  templateName: TemplateNameSchema,
  /**
   * The RegisterThing parameter that carries the serial number. Defaults to `SerialNumber`, the
   * parameter of `buildFleetProvisioningTemplate`.
   */
  serialParameter: z
    .string()
    .regex(/^[A-Za-z0-9]{1,255}$/, { error: 'expected a parameter name [A-Za-z0-9]{1,255}' })
    .default('SerialNumber'),
  /** Extra RegisterThing parameters (string to string); the serial is added under `serialParameter`. */
  parameters: z.record(z.string(), z.string()).default({}),
  /**
   * `csr` (default: the key is generated on the robot and never leaves it) or
   * `createKeysAndCertificate` (AWS IoT generates the key).
   */
  method: z.enum(['csr', 'createKeysAndCertificate']).default('csr'),
  /** Payload format of the fleet-provisioning MQTT API. Defaults to `json`. */
  format: z.enum(PAYLOAD_FORMATS).default('json'),
  /** How long one provisioning request waits for its answer. Defaults to `10_000` ms. */
  requestTimeoutMs: z.number().int().positive().default(10_000),
});

/** Files the daemon reads and the directory it owns. Relative paths resolve against the config file. */
export const PathsConfigSchema = z.strictObject({
  /** CA certificate(s) that sign the broker's server certificate (`AmazonRootCA1.pem`). */
  rootCa: nonEmptyPath,
  /** The 20-year claim certificate installed at manufacturing (design 12.1). */
  claimCertificate: nonEmptyPath,
  /** Its private key (mode 0600). */
  claimPrivateKey: nonEmptyPath,
  /** The daemon's own directory: production credential slots, rotation state, thing name. */
  stateDir: nonEmptyPath,
});

/** The rotation knobs of `resolveRotationConfig` (`method` comes from `provisioning.method`). */
export const DeviceRotationConfigSchema = z.strictObject({
  /** Renew this long before expiry (or before `maxAgeMs`). Defaults to 30 days. */
  leadTimeMs: z
    .number()
    .int()
    .nonnegative()
    .default(30 * DAY_MS),
  maxAgeMs: RotationConfigSchema.shape.maxAgeMs.optional(),
  backoffBaseMs: RotationConfigSchema.shape.backoffBaseMs.optional(),
  backoffFactor: RotationConfigSchema.shape.backoffFactor.optional(),
  backoffCeilingMs: RotationConfigSchema.shape.backoffCeilingMs.optional(),
  stepTimeoutMs: RotationConfigSchema.shape.stepTimeoutMs.optional(),
  ownershipTokenTtlMs: RotationConfigSchema.shape.ownershipTokenTtlMs.optional(),
  ownershipTokenMarginMs: RotationConfigSchema.shape.ownershipTokenMarginMs.optional(),
  needsTechnicianRetryMs: RotationConfigSchema.shape.needsTechnicianRetryMs.optional(),
  /** Epoch ms before which the clock is certainly wrong. Defaults to the package's `DEVICE_BUILD_TIME`. */
  buildTime: RotationConfigSchema.shape.buildTime.optional(),
  clockSkewMs: RotationConfigSchema.shape.clockSkewMs.optional(),
});

/** The production connection's MQTT settings. */
export const ConnectionConfigSchema = z.strictObject({
  /** MQTT keepalive. Defaults to `60` s (AWS clamps to 30–1200). */
  keepaliveSeconds: z.number().int().min(30).max(1200).default(60),
  /** How long a CONNECT may take before it counts as failed. Defaults to `30_000` ms. */
  connectTimeoutMs: z.number().int().positive().default(30_000),
  /** Floor of the reconnect delay. Defaults to `1_000` ms (AWS: one CONNECT per second per client id). */
  reconnectMinDelayMs: z.number().int().positive().default(1_000),
  /** Cap of the reconnect delay (full jitter below it). Defaults to `300_000` ms (5 minutes). */
  reconnectMaxDelayMs: z.number().int().positive().default(300_000),
  /** A connection that stays up this long resets the reconnect backoff. Defaults to `60_000` ms. */
  stableAfterMs: z.number().int().nonnegative().default(60_000),
});

/** How the daemon decides the wall clock may judge certificate expiry. */
export const ClockConfigSchema = z.strictObject({
  /**
   * `true`: only an NTP-synchronised clock is trusted. `false` (default): a clock that is not
   * earlier than the build time is trusted too (issue 5: "synchronised, or not earlier than the
   * build time").
   */
  requireSynchronized: z.boolean().default(false),
  /** How often an untrusted clock is checked again. Defaults to `60_000` ms. */
  recheckIntervalMs: z.number().int().positive().default(60_000),
});

/**
 * The device daemon's configuration file (JSON). Only `endpoint.host`, `serialNumber`,
 * `provisioning.templateName` and `paths` are required.
 */
export const DeviceConfigSchema = z
  .strictObject({
    endpoint: EndpointConfigSchema,
    /** The robot's serial number, sent to RegisterThing (the pre-provisioning hook's allowlist). */
    serialNumber: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, { error: 'expected a serial number [A-Za-z0-9:_-]{1,64}' }),
    /**
     * The thing name, if known before provisioning. RegisterThing's answer wins once the robot is
     * provisioned; without either, the serial number is used.
     */
    thingName: ThingNameSchema.optional(),
    provisioning: ProvisioningConfigSchema,
    paths: PathsConfigSchema,
    /** Heartbeat period for the robot runtime. Defaults to `10_000` ms (design 2.2). */
    heartbeatIntervalMs: z.number().int().positive().default(10_000),
    rotation: DeviceRotationConfigSchema.default({ leadTimeMs: 30 * DAY_MS }),
    connection: ConnectionConfigSchema.default({
      keepaliveSeconds: 60,
      connectTimeoutMs: 30_000,
      reconnectMinDelayMs: 1_000,
      reconnectMaxDelayMs: 300_000,
      stableAfterMs: 60_000,
    }),
    clock: ClockConfigSchema.default({ requireSynchronized: false, recheckIntervalMs: 60_000 }),
    /** Least severe log level written. Defaults to `info`. */
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .refine((c) => c.connection.reconnectMaxDelayMs >= c.connection.reconnectMinDelayMs, {
    error: 'expected reconnectMaxDelayMs >= reconnectMinDelayMs',
    path: ['connection', 'reconnectMaxDelayMs'],
  });

/** A validated device configuration, every default applied and every path absolute. */
export type DeviceConfig = z.infer<typeof DeviceConfigSchema>;

/** A device configuration as written in the file (defaults optional). */
export type DeviceConfigInput = z.input<typeof DeviceConfigSchema>;
