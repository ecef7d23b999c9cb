/** A device certificate with its private key, as a client needs it for mutual TLS. */
export interface DeviceCredentials {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** A device made by `createTestDevice`: an ACTIVE certificate, its key and where it is attached. */
export interface TestDevice extends DeviceCredentials {
  readonly certificateId: string;
  readonly certificateArn: string;
  /** The thing the certificate is attached to, if any. */
  readonly thingName?: string;
}

/** One JSON log line of the local cloud. */
export interface LogLine {
  readonly event: string;
  readonly [field: string]: unknown;
}
