import type { IClientOptions, MqttClient } from 'mqtt';

// The contract between the daemon's identity layer (credentials, provisioning, rotation,
// connections: src/lib/identity) and its robot runtime (heartbeat, status, shadow, commands:
// src/lib/runtime). The identity layer owns every MQTT connection; the runtime only uses the
// production connection it is handed.

/** Wall-clock time in epoch milliseconds (injected so tests control it). */
export interface DeviceClock {
  now(): number;
}

/** Severity of a daemon log line. */
export type DeviceLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the daemon writes what it does. `event` is a stable dotted name
 * (`provisioning.certificateIssued`), `message` one line a field technician can read
 * (Japanese first, English second is not required in logs: English), `fields` extra
 * context. Never pass keys, ownership tokens or certificate PEM.
 */
export interface DeviceLogger {
  log(
    level: DeviceLogLevel,
    event: string,
    message: string,
    fields?: Record<string, unknown>,
  ): void;
}

/** The production connection as the robot runtime sees it. */
export interface ProductionSession {
  /** Thing name = MQTT client id of this connection. */
  readonly thingName: string;
  /** Id of the certificate this connection uses. */
  readonly certificateId: string;
  /** Connected (first CONNACK received). Reconnects by itself after network errors. */
  readonly client: MqttClient;
}

/** The Last Will the identity layer registers on every production CONNECT. */
export type ProductionWill = NonNullable<IClientOptions['will']>;

/**
 * What the identity layer drives: one per robot, living as long as the daemon.
 * `attach` is called once per production `MqttClient`, right after its first CONNACK (first
 * connect, after a certificate switch, after recovery); the runtime handles that client's later
 * automatic reconnects (`connect` events) itself. `detach` is called before the identity layer
 * ends that client on purpose (certificate switch, shutdown).
 */
export interface RobotRuntime {
  /** The Will for a CONNECT of `thingName` at `connectedAt`: retained QoS 1 offline status. */
  will(thingName: string, connectedAt: number): ProductionWill;
  attach(session: ProductionSession): void;
  /** Stop using the client; with `final`, first publish a retained offline status (graceful stop). */
  detach(options?: { final?: boolean }): Promise<void>;
  /** Stop timers and the robot adapter. */
  close(): Promise<void>;
}
