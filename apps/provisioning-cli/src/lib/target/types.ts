import type { IoTClient } from '@aws-sdk/client-iot';
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';

/** Where devices connect: the `iot:Data-ATS` endpoint (AWS) or the local cloud's broker. */
export interface DataEndpoint {
  /** Host name devices connect to. */
  readonly host: string;
  /** MQTT over TLS port (AWS: 8883). */
  readonly mqttsPort: number;
  /** HTTPS data plane (shadows, publish): `https://host[:port]`. */
  readonly httpsUrl: string;
}

/**
 * The account amrctl talks to: the local cloud (`--local`) or AWS. Everything a command needs is
 * reached through it, so commands run unchanged against both.
 */
export interface Target {
  readonly kind: 'local' | 'aws';
  /** One line for humans: `local cloud at .data/local-cloud` / `AWS ap-northeast-1 (profile x)`. */
  readonly description: string;
  readonly region: string;
  /** The control-plane client (`@aws-sdk/client-iot`). */
  readonly iot: IoTClient;
  /** URL of the control plane, for reachability checks. */
  readonly controlPlaneUrl: string;
  /** The account id (local: endpoints.json; AWS: `--account-id` or read from an existing ARN). */
  accountId(): Promise<string>;
  /** The device data endpoint (AWS: DescribeEndpoint `iot:Data-ATS`). */
  dataEndpoint(): Promise<DataEndpoint>;
  /** The root CA devices and amrctl trust for the data endpoint (PEM). */
  rootCaPem(): Promise<string>;
  /** A data-plane client (shadows) that trusts {@link rootCaPem}. */
  dataPlane(): Promise<IoTDataPlaneClient>;
  /** Releases sockets. */
  close(): void;
}
