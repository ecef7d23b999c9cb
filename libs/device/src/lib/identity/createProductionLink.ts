import { randomBytes } from 'node:crypto';
import { certificateId as certificateIdOf } from '@iot-gateway-net/pki/device';
import type { FailureReason } from '@iot-gateway-net/rotation';
import {
  RotationCommitAcceptedSchema,
  RotationCommitRejectedSchema,
  parsePayload,
  rotationCommitAcceptedTopic,
  rotationCommitRejectedTopic,
  rotationCommitReplyFilter,
  rotationCommitTopic,
} from '@iot-gateway-net/topics';
import type { ConnectionOptions } from 'node:tls';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { CredentialStore } from '../credentials/types.js';
import { DeviceError } from '../errors/DeviceError.js';
import type { DeviceClock, DeviceLogger, RobotRuntime } from '../runtime/types.js';
import { classifyConnectError } from './classifyConnectError.js';
import { reconnectDelay } from './reconnectDelay.js';
import type { CommitOutcome } from './types.js';
import { disableNagle } from './disableNagle.js';

/** Options of {@link createProductionLink}. */
export interface ProductionLinkOptions {
  readonly host: string;
  readonly port: number;
  /** PEM of the CA(s) that sign the broker's certificate. */
  readonly ca: string;
  readonly keepaliveSeconds: number;
  readonly connectTimeoutMs: number;
  readonly reconnect: { minDelayMs: number; maxDelayMs: number; stableAfterMs: number };
  /** The thing name (= client id), read at each connect: RegisterThing may change it. */
  readonly thingName: () => string;
  readonly store: CredentialStore;
  readonly runtime: RobotRuntime;
  readonly clock: DeviceClock;
  readonly log: DeviceLogger;
  readonly random: () => number;
  /** Every CONNACK 0 of the connection using `slot`. */
  readonly onConnected: (slot: string) => void;
  /** A refusal of the credential in `slot` (the link stops reconnecting it). */
  readonly onRefused: (slot: string, reason: FailureReason, message: string) => void;
}

/** The production MQTT connection of one robot; see {@link createProductionLink}. */
export interface ProductionLink {
  /** Make the connection use `slot` (idempotent; replaces a connection using another slot). */
  use(slot: string): void;
  /** Close the connection and stop reconnecting. */
  disconnect(): Promise<void>;
  /** Publish the rotation commit on the connection using `slot` and wait for its answer. */
  commit(
    slot: string,
    ids: { newCertificateId: string; oldCertificateId: string },
    timeoutMs: number,
  ): Promise<CommitOutcome>;
  /** Whether the connection is up. */
  readonly connected: boolean;
  /** Graceful stop: `runtime.detach({ final: true })`, DISCONNECT, no reconnect. */
  stop(): Promise<void>;
}

interface Connection {
  readonly slot: string;
  readonly client: MqttClient;
  readonly thingName: string;
  attached: boolean;
  refused: boolean;
  closing: boolean;
  attempt: number;
  connectedAt: number | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The production connection: MQTT.js over TLS 1.2+ with the slot's certificate, client id = thing
 * name, clean session, keepalive 60 s, the runtime's Will; `runtime.attach` after its first
 * CONNACK, `runtime.detach` before the link ends it on purpose. MQTT.js' own reconnect is off
 * (`reconnectPeriod: 0`): the link reconnects the same client after a full-jitter exponential
 * delay (see `reconnectDelay`), resets the backoff once a connection stayed up `stableAfterMs`,
 * and stops for good on a refusal (`onRefused`), which the rotation machine answers.
 */
export function createProductionLink(options: ProductionLinkOptions): ProductionLink {
  const { store, runtime, clock, log, random } = options;
  let active: Connection | undefined;
  let wanted: string | undefined;
  let chain: Promise<void> = Promise.resolve();

  const enqueue = (work: () => Promise<void>): Promise<void> => {
    chain = chain.then(work).catch((error: unknown) => {
      log.log('error', 'production.error', `Production connection error: ${messageOf(error)}`);
    });
    return chain;
  };

  const teardown = async (final: boolean): Promise<void> => {
    const connection = active;
    if (connection === undefined) return;
    active = undefined;
    connection.closing = true;
    clearTimeout(connection.timer);
    if (connection.attached) {
      connection.attached = false;
      await runtime.detach(final ? { final: true } : undefined);
    }
    await new Promise<void>((resolve) => {
      // A graceful DISCONNECT when connected (no Will: the runtime said goodbye), else drop the socket.
      connection.client.end(!connection.client.connected, {}, () => resolve());
    });
  };

  const open = async (slot: string): Promise<void> => {
    let files;
    try {
      files = await store.readCredential(slot);
    } catch (error) {
      const reason: FailureReason =
        error instanceof DeviceError && error.code === 'CREDENTIALS'
          ? 'credentialUnreadable'
          : 'error';
      log.log('error', 'production.credentialUnreadable', messageOf(error), { slot });
      options.onRefused(slot, reason, messageOf(error));
      return;
    }
    if (wanted !== slot) return;
    const thingName = options.thingName();
    const certificateId = certificateIdOf(files.certificatePem);
    // TLS 1.2+ as AWS IoT requires (Node's default too, stated so a changed default cannot lower it);
    // MQTT.js hands these options to tls.connect.
    const connectOptions: IClientOptions & Pick<ConnectionOptions, 'minVersion'> = {
      protocol: 'mqtts',
      host: options.host,
      port: options.port,
      ca: options.ca,
      cert: files.certificatePem,
      key: files.privateKeyPem,
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      protocolVersion: 4,
      clientId: thingName,
      clean: true,
      keepalive: options.keepaliveSeconds,
      connectTimeout: options.connectTimeoutMs,
      reconnectPeriod: 0,
      // MQTT.js's number cache holds 65,536 small Buffers (about 6 MiB), a tenth of a robot's memory
      // budget, to save a few bytes of copying per packet.
      writeCache: false,
      will: runtime.will(thingName, clock.now()),
    };
    const client = mqtt.connect(connectOptions);
    disableNagle(client);
    const connection: Connection = {
      slot,
      client,
      thingName,
      attached: false,
      refused: false,
      closing: false,
      attempt: 0,
      connectedAt: undefined,
      timer: undefined,
    };
    active = connection;
    log.log(
      'info',
      'production.connecting',
      `Connecting as ${thingName} with certificate ${certificateId.slice(0, 12)}…`,
      {
        slot,
      },
    );
    client.on('connect', () => {
      if (connection.closing) return;
      connection.connectedAt = clock.now();
      log.log(
        'info',
        'production.connected',
        `Connected to ${options.host}:${options.port} as ${thingName}`,
        {
          slot,
          certificateId: certificateId.slice(0, 12),
        },
      );
      if (!connection.attached) {
        connection.attached = true;
        runtime.attach({ thingName, certificateId, client });
      }
      options.onConnected(slot);
    });
    client.on('error', (error) => {
      if (connection.closing) return;
      const reason = classifyConnectError(error);
      if (reason === 'error') {
        log.log('warn', 'production.error', `Production connection error: ${messageOf(error)}`, {
          slot,
        });
        return;
      }
      connection.refused = true;
      log.log(
        'error',
        'production.refused',
        `The broker refused certificate ${certificateId.slice(0, 12)}… (${messageOf(error)})`,
        { slot, reason },
      );
      options.onRefused(slot, reason, messageOf(error));
    });
    client.on('close', () => {
      if (connection.closing || connection.refused || active !== connection) return;
      if (
        connection.connectedAt !== undefined &&
        clock.now() - connection.connectedAt >= options.reconnect.stableAfterMs
      ) {
        connection.attempt = 0;
      }
      connection.connectedAt = undefined;
      const delay = reconnectDelay(connection.attempt, options.reconnect, random());
      connection.attempt += 1;
      log.log(
        'warn',
        'production.disconnected',
        `Connection lost (network, broker, or another client with the same id); reconnecting in ${Math.ceil(delay / 1000)} s`,
        { slot, attempt: connection.attempt },
      );
      clearTimeout(connection.timer);
      connection.timer = setTimeout(() => {
        connection.timer = undefined;
        if (connection.closing || active !== connection) return;
        // A fresh Will: its status names when this connection started.
        client.options.will = runtime.will(thingName, clock.now());
        client.reconnect();
      }, delay);
    });
  };

  return {
    use(slot) {
      wanted = slot;
      void enqueue(async () => {
        if (wanted !== slot) return;
        if (active !== undefined && active.slot === slot && !active.refused) return;
        await teardown(false);
        if (wanted === slot) await open(slot);
      });
    },

    disconnect() {
      wanted = undefined;
      return enqueue(() => teardown(false));
    },

    stop() {
      wanted = undefined;
      return enqueue(() => teardown(true));
    },

    get connected() {
      return active?.client.connected === true;
    },

    async commit(slot, ids, timeoutMs) {
      const connection = active;
      if (connection?.slot !== slot || !connection.client.connected) {
        return {
          kind: 'failed',
          reason: 'connectionLost',
          message: `The production connection does not use slot ${slot}`,
        };
      }
      const { client, thingName } = connection;
      const requestId = randomBytes(8).toString('hex');
      const acceptedTopic = rotationCommitAcceptedTopic(thingName);
      const rejectedTopic = rotationCommitRejectedTopic(thingName);
      return new Promise<CommitOutcome>((resolve) => {
        let settled = false;
        const finish = (outcome: CommitOutcome): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          client.off('message', onMessage);
          client.off('close', onClose);
          if (client.connected) client.unsubscribe(rotationCommitReplyFilter(thingName));
          resolve(outcome);
        };
        const onMessage = (topic: string, payload: Buffer): void => {
          try {
            if (topic === acceptedTopic) {
              const answer = parsePayload(RotationCommitAcceptedSchema, payload, 'commit accepted');
              if (answer?.requestId === requestId) finish({ kind: 'accepted' });
            } else if (topic === rejectedTopic) {
              const answer = parsePayload(RotationCommitRejectedSchema, payload, 'commit rejected');
              if (answer !== undefined && (answer.requestId ?? requestId) === requestId) {
                finish({
                  kind: 'failed',
                  reason: 'rejected',
                  errorCode: answer.code,
                  message: answer.message,
                });
              }
            }
          } catch (error) {
            log.log(
              'warn',
              'rotation.commitAnswerInvalid',
              `Ignored a commit answer: ${messageOf(error)}`,
            );
          }
        };
        const onClose = (): void => {
          finish({
            kind: 'failed',
            reason: 'connectionLost',
            message: 'Connection closed during the commit',
          });
        };
        const timer = setTimeout(() => {
          finish({
            kind: 'failed',
            reason: 'timeout',
            message: `No commit answer within ${timeoutMs} ms`,
          });
        }, timeoutMs);
        client.on('message', onMessage);
        client.on('close', onClose);
        client.subscribe(rotationCommitReplyFilter(thingName), { qos: 1 }, (error, granted) => {
          if (settled) return;
          if (error !== null && error !== undefined) {
            finish({ kind: 'failed', reason: 'error', message: messageOf(error) });
            return;
          }
          if (granted?.some((grant) => grant.qos === 128) === true) {
            finish({
              kind: 'failed',
              reason: 'error',
              message: 'The broker refused the commit answer subscription',
            });
            return;
          }
          client.publish(
            rotationCommitTopic(thingName),
            JSON.stringify({ ...ids, requestId }),
            { qos: 1 },
            (publishError) => {
              if (publishError !== null && publishError !== undefined) {
                finish({
                  kind: 'failed',
                  reason: 'connectionLost',
                  message: messageOf(publishError),
                });
              }
            },
          );
        });
      });
    },
  };
}
