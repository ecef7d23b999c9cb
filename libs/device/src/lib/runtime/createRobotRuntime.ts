import {
  ShadowDeltaSchema,
  ShadowErrorSchema,
  ShadowGetAcceptedSchema,
  amrCommandAckTopic,
  amrCommandFilter,
  amrHeartbeatTopic,
  amrStatusTopic,
  lastWillStatus,
  parseAmrTopic,
  parsePayload,
  shadowTopic,
  shadowTopicPrefix,
  type AmrCommandAck,
  type AmrInputError,
  type Heartbeat,
  type JsonObject,
} from '@iot-gateway-net/topics';
import type { MqttClient } from 'mqtt';
import type { RobotSnapshot } from '../robot/schemas.js';
import type { RobotAdapter } from '../robot/types.js';
import {
  ROBOT_SHADOW_NAME,
  RobotRuntimeConfigSchema,
  type RobotRuntimeConfig,
} from './constants.js';
import { createPublishThrottle } from './createPublishThrottle.js';
import { interpretCommand } from './interpretCommand.js';
import { invalidOption } from './invalidOption.js';
import { reportedFromSnapshot } from './reportedFromSnapshot.js';
import { roundSnapshot } from './roundSnapshot.js';
import { statusFromSnapshot } from './statusFromSnapshot.js';
import type {
  DeviceClock,
  DeviceLogger,
  ProductionSession,
  ProductionWill,
  RobotRuntime,
} from './types.js';

/** Options of {@link createRobotRuntime}. */
export type RobotRuntimeOptions = RobotRuntimeConfig & {
  /** The robot this runtime speaks for. `close()` closes it. */
  robot: RobotAdapter;
  clock: DeviceClock;
  log: DeviceLogger;
  /** Uniform in [0, 1); seeds the shadow client tokens. Defaults to `Math.random`. */
  random?: () => number;
};

/** How much a snapshot change matters to a publish of the given kind. */
type Significance = 'none' | 'minor' | 'urgent';

const RECENT_REQUESTS = 256;

function significance(previous: RobotSnapshot | undefined, next: RobotSnapshot): Significance {
  if (previous === undefined) return 'urgent';
  if (
    previous.state !== next.state ||
    previous.mission !== next.mission ||
    JSON.stringify(previous.settings) !== JSON.stringify(next.settings)
  ) {
    return 'urgent';
  }
  const moved =
    previous.battery !== next.battery ||
    previous.position.x !== next.position.x ||
    previous.position.y !== next.position.y ||
    previous.position.theta !== next.position.theta;
  return moved ? 'minor' : 'none';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The robot runtime of the device daemon (design 2.2, 3.4): everything a robot says and hears on
 * its production connection, for one robot across all the connections the identity layer hands
 * it.
 *
 * - Will: a retained QoS 1 `lastWillStatus` on `amr/<thing>/status`.
 * - On attach and on every automatic reconnect: one SUBSCRIBE (QoS 1) to `amr/<thing>/cmd/+` and
 *   the `robot` shadow's `update/delta`, `get/accepted|rejected`, `update/accepted|rejected`; a
 *   retained online status; a heartbeat; a shadow GET whose delta is applied, then a full report.
 * - Heartbeat every `heartbeatIntervalMs` (retained, QoS 1, `seq` +1, `sentAt`, `uptimeS`), only
 *   while connected (stale heartbeats are never queued).
 * - Status (retained, QoS 1) when state, mission, settings or certificate change, and at most
 *   every `statusMinIntervalMs` for battery and position; the shadow's `reported` likewise with
 *   `shadowReportMinIntervalMs`.
 * - Shadow delta → `robot.applyDesired` → report the applied values (the delta clears); keys the
 *   robot rejects are set to `null` in `desired` and explained in `reported.desiredErrors`.
 * - Commands `amr/<thing>/cmd/<name>` → `accepted`/`rejected` on `.../ack` at once, then `done`/
 *   `failed`, plus a status; malformed, oversized (`maxCommandBytes`) or unknown commands get a
 *   `rejected` ack with the reason and a log line — with `requestId: null` when the payload has no
 *   readable one; a repeated `requestId` (QoS 1 redelivery) is not executed twice, its last ack is
 *   sent again.
 * - Input it cannot use nor answer to its sender (a delta over `maxDeltaBytes` or malformed, a
 *   command without a readable `requestId`) is shown in the retained status (urgent) as
 *   `lastError` (`AmrInputError`), kept until the process ends.
 *
 * It publishes only to `amr/<thing>/*` and `$aws/things/<thing>/*`, and retains only status and
 * heartbeat: what the device policy allows (`buildDevicePolicy`), so the broker never closes the
 * connection for a forbidden publish.
 *
 * @throws {DeviceError} `CONFIG` naming the option when a numeric option is invalid.
 */
export function createRobotRuntime(options: RobotRuntimeOptions): RobotRuntime {
  const { robot, clock, log, random = Math.random, ...numbers } = options;
  const parsed = RobotRuntimeConfigSchema.safeParse(numbers);
  if (!parsed.success) throw invalidOption('robot runtime options', parsed.error);
  const config = parsed.data;
  const startedAt = clock.now();
  const tokenPrefix = Math.floor(random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');

  let session: ProductionSession | undefined;
  let removeClientListeners: (() => void) | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  let heartbeatSeq = 0;
  let tokenSeq = 0;
  let pendingGetToken: string | undefined;
  let lastShadowVersion = -1;
  let lastStatus: RobotSnapshot | undefined;
  let lastReported: RobotSnapshot | undefined;
  let nextReportExtra: { desired?: JsonObject; desiredErrors: string | null } | undefined;
  let desiredChain: Promise<void> = Promise.resolve();
  let closed = false;
  let lastError: AmrInputError | undefined;
  const recentAcks = new Map<string, AmrCommandAck | undefined>();

  const connectedClient = (): MqttClient | undefined =>
    session !== undefined && session.client.connected ? session.client : undefined;

  const publish = (
    client: MqttClient,
    topic: string,
    payload: unknown,
    retain: boolean,
    what: string,
    done?: () => void,
  ): void => {
    client.publish(topic, JSON.stringify(payload), { qos: 1, retain }, (error) => {
      if (error !== undefined && error !== null) {
        log.log(
          'warn',
          'runtime.publishFailed',
          `Could not publish the ${what}: ${error.message}`,
          { topic },
        );
      }
      done?.();
    });
  };

  const publishStatus = (): void => {
    const client = connectedClient();
    if (client === undefined || session === undefined) return;
    const snapshot = roundSnapshot(robot.snapshot());
    lastStatus = snapshot;
    const status = statusFromSnapshot(session.thingName, snapshot, {
      online: true,
      certificateId: session.certificateId,
      lastError,
      now: clock.now(),
    });
    publish(client, amrStatusTopic(session.thingName), status, true, 'status');
  };

  const shadowUpdateTopic = (thingName: string): string =>
    shadowTopic(thingName, 'update', ROBOT_SHADOW_NAME);

  const publishReport = (): void => {
    const client = connectedClient();
    if (client === undefined || session === undefined) return;
    const snapshot = roundSnapshot(robot.snapshot());
    lastReported = snapshot;
    const extra = nextReportExtra;
    nextReportExtra = undefined;
    const reported: JsonObject = reportedFromSnapshot(snapshot, session.certificateId);
    if (extra !== undefined) reported['desiredErrors'] = extra.desiredErrors;
    tokenSeq += 1;
    const request = {
      state: { reported, ...(extra?.desired === undefined ? {} : { desired: extra.desired }) },
      clientToken: `${tokenPrefix}-${tokenSeq}`,
    };
    publish(client, shadowUpdateTopic(session.thingName), request, false, 'shadow report');
  };

  const statusThrottle = createPublishThrottle({
    clock,
    minIntervalMs: config.statusMinIntervalMs,
    urgentMinIntervalMs: config.urgentMinIntervalMs,
    publish: publishStatus,
  });
  const reportThrottle = createPublishThrottle({
    clock,
    minIntervalMs: config.shadowReportMinIntervalMs,
    urgentMinIntervalMs: Math.max(config.urgentMinIntervalMs, 1_000),
    publish: publishReport,
  });

  const publishHeartbeat = (): void => {
    const client = connectedClient();
    if (client === undefined || session === undefined) return;
    heartbeatSeq += 1;
    const now = clock.now();
    const heartbeat: Heartbeat = {
      thingName: session.thingName,
      seq: heartbeatSeq,
      sentAt: now,
      uptimeS: Math.max(0, Math.round((now - startedAt) / 1_000)),
    };
    publish(client, amrHeartbeatTopic(session.thingName), heartbeat, true, 'heartbeat');
  };

  const stopHeartbeat = (): void => {
    if (heartbeatTimer !== undefined) clearInterval(heartbeatTimer);
    heartbeatTimer = undefined;
  };
  const restartHeartbeat = (): void => {
    stopHeartbeat();
    publishHeartbeat();
    heartbeatTimer = setInterval(publishHeartbeat, config.heartbeatIntervalMs);
  };

  const removeRobotListener = robot.onChange((snapshot) => {
    if (connectedClient() === undefined) return;
    const rounded = roundSnapshot(snapshot);
    const forStatus = significance(lastStatus, rounded);
    if (forStatus !== 'none') statusThrottle.request(forStatus === 'urgent');
    const forReport = significance(lastReported, rounded);
    if (forReport !== 'none') reportThrottle.request(forReport === 'urgent');
  });

  /**
   * Makes an input the robot could not use visible in the retained status (`lastError`), published
   * as an urgent change: the operator sees it without the robot's log. Not hurried past
   * `urgentMinIntervalMs`, so a flood of bad input cannot make the robot flood the broker.
   */
  const reportInputError = (error: Omit<AmrInputError, 'at'>): void => {
    lastError = { ...error, reason: error.reason.slice(0, 1024), at: clock.now() };
    statusThrottle.request(true);
  };

  // ---- commands -------------------------------------------------------------------------------

  const rememberAck = (requestId: string, ack: AmrCommandAck | undefined): void => {
    recentAcks.delete(requestId);
    recentAcks.set(requestId, ack);
    if (recentAcks.size > RECENT_REQUESTS) {
      const oldest = recentAcks.keys().next();
      if (oldest.done !== true) recentAcks.delete(oldest.value);
    }
  };

  const sendAck = (ack: AmrCommandAck): void => {
    if (ack.requestId !== null) rememberAck(ack.requestId, ack);
    const current = session;
    if (current === undefined) {
      log.log(
        'warn',
        'runtime.ackDropped',
        `No connection to acknowledge ${ack.command} ${ack.requestId ?? '(no request id)'} (${ack.status})`,
      );
      return;
    }
    publish(
      current.client,
      amrCommandAckTopic(current.thingName, ack.command),
      ack,
      false,
      `${ack.command} ack`,
    );
  };

  const ack = (
    command: string,
    requestId: string | null,
    status: AmrCommandAck['status'],
    reason?: string,
  ): void => {
    sendAck({
      requestId,
      command,
      status,
      ...(reason === undefined ? {} : { reason }),
      at: clock.now(),
    });
  };

  const handleCommand = async (name: string, payload: Uint8Array): Promise<void> => {
    const interpretation = interpretCommand(name, payload, {
      maxBytes: config.maxCommandBytes,
      now: clock.now(),
      ...(config.commandMaxAgeMs === undefined ? {} : { maxAgeMs: config.commandMaxAgeMs }),
    });
    if (interpretation.kind === 'reject') {
      log.log(
        'warn',
        'runtime.commandRejected',
        `Rejected a ${name} command: ${interpretation.reason}`,
        {
          command: name,
          requestId: interpretation.requestId,
        },
      );
      // Without a readable request id the ack says `requestId: null`, and since its sender cannot
      // match it, the status carries the error too.
      ack(name, interpretation.requestId ?? null, 'rejected', interpretation.reason);
      if (interpretation.requestId === undefined) {
        reportInputError({ source: 'command', command: name, reason: interpretation.reason });
      }
      return;
    }
    const { command } = interpretation;
    if (recentAcks.has(command.requestId)) {
      const last = recentAcks.get(command.requestId);
      log.log(
        'info',
        'runtime.commandRepeated',
        `Ignored a repeated ${name} command ${command.requestId}`,
      );
      if (last !== undefined) sendAck(last);
      return;
    }
    rememberAck(command.requestId, undefined);
    let decision;
    try {
      decision = await robot.execute(command);
    } catch (error) {
      decision = {
        accepted: false as const,
        reason: `robot adapter failed: ${errorMessage(error)}`,
      };
    }
    if (!decision.accepted) {
      log.log(
        'info',
        'runtime.commandRefused',
        `The robot refused ${name} ${command.requestId}: ${decision.reason}`,
      );
      ack(name, command.requestId, 'rejected', decision.reason);
      return;
    }
    log.log('info', 'runtime.commandAccepted', `Accepted ${name} ${command.requestId}`);
    ack(name, command.requestId, 'accepted');
    // The robot's change of state was already requested as urgent; the operator who sent the
    // command is waiting for that status, so it goes now even inside the urgent interval.
    statusThrottle.request(true);
    statusThrottle.hurry();
    const outcome = await decision.completion.catch((error: unknown) => ({
      ok: false as const,
      reason: errorMessage(error),
    }));
    if (outcome.ok) {
      log.log('info', 'runtime.commandDone', `Finished ${name} ${command.requestId}`);
      ack(name, command.requestId, 'done');
    } else {
      log.log(
        'info',
        'runtime.commandFailed',
        `${name} ${command.requestId} failed: ${outcome.reason}`,
      );
      ack(name, command.requestId, 'failed', outcome.reason);
    }
    statusThrottle.request(true);
  };

  // ---- shadow -----------------------------------------------------------------------------------

  const applyDesired = (desired: JsonObject): void => {
    desiredChain = desiredChain.then(async () => {
      let rejected: Readonly<Record<string, string>>;
      try {
        ({ rejected } = await robot.applyDesired(desired));
      } catch (error) {
        const reason = `robot adapter failed: ${errorMessage(error)}`;
        rejected = Object.fromEntries(Object.keys(desired).map((key) => [key, reason]));
      }
      const rejectedKeys = Object.keys(rejected);
      const applied = Object.keys(desired).filter((key) => !(key in rejected));
      if (applied.length > 0) {
        log.log('info', 'runtime.desiredApplied', `Applied desired ${applied.join(', ')}`);
      }
      if (rejectedKeys.length > 0) {
        log.log(
          'warn',
          'runtime.desiredRejected',
          `Rejected desired ${rejectedKeys.map((key) => `${key} (${rejected[key]})`).join('; ')}`,
        );
      }
      nextReportExtra = {
        desiredErrors:
          rejectedKeys.length === 0
            ? null
            : rejectedKeys.map((key) => `${key}: ${rejected[key]}`).join('; '),
        ...(rejectedKeys.length === 0
          ? {}
          : { desired: Object.fromEntries(rejectedKeys.map((key) => [key, null])) }),
      };
      reportThrottle.flush();
    });
  };

  const handleShadow = (operation: string, payload: Uint8Array): void => {
    switch (operation) {
      case 'update/delta': {
        if (payload.byteLength > config.maxDeltaBytes) {
          const reason = `Ignored a shadow delta of ${payload.byteLength} bytes, expected at most ${config.maxDeltaBytes}`;
          log.log('warn', 'runtime.deltaInvalid', reason);
          reportInputError({ source: 'shadowDelta', reason });
          return;
        }
        let delta;
        try {
          delta = parsePayload(ShadowDeltaSchema, payload, 'shadow delta');
        } catch (error) {
          reportInputError({
            source: 'shadowDelta',
            reason: `Ignored a shadow delta: ${errorMessage(error)}`,
          });
          throw error;
        }
        if (delta.version <= lastShadowVersion) {
          log.log('debug', 'runtime.deltaStale', `Ignored shadow delta version ${delta.version}`);
          return;
        }
        lastShadowVersion = delta.version;
        applyDesired(delta.state);
        return;
      }
      case 'get/accepted': {
        const document = parsePayload(ShadowGetAcceptedSchema, payload, 'shadow get/accepted');
        if (document.clientToken === undefined || document.clientToken !== pendingGetToken) return;
        pendingGetToken = undefined;
        // Not max(): a shadow deleted more than 48 h ago starts again at version 1 (AWS IoT
        // Developer Guide, "Device Shadow service documents", version).
        lastShadowVersion = document.version;
        const delta = document.state.delta;
        if (delta !== undefined && Object.keys(delta).length > 0) applyDesired(delta);
        else reportThrottle.flush();
        return;
      }
      case 'get/rejected': {
        const error = parsePayload(ShadowErrorSchema, payload, 'shadow get/rejected');
        if (error.clientToken === undefined || error.clientToken !== pendingGetToken) return;
        pendingGetToken = undefined;
        if (error.code === 404) {
          lastShadowVersion = -1;
          reportThrottle.flush();
          return;
        }
        log.log(
          'warn',
          'runtime.shadowGetRejected',
          `The robot shadow GET was rejected: ${error.code} ${error.message}`,
        );
        return;
      }
      case 'update/rejected': {
        const error = parsePayload(ShadowErrorSchema, payload, 'shadow update/rejected');
        if (error.clientToken?.startsWith(`${tokenPrefix}-`) !== true) return;
        log.log(
          'warn',
          'runtime.shadowUpdateRejected',
          `The robot shadow report was rejected: ${error.code} ${error.message}`,
        );
        return;
      }
      default:
        return;
    }
  };

  // ---- connection -------------------------------------------------------------------------------

  const onConnected = (current: ProductionSession): void => {
    const { client, thingName } = current;
    const shadow = (
      operation:
        | 'get/accepted'
        | 'get/rejected'
        | 'update/accepted'
        | 'update/rejected'
        | 'update/delta',
    ) => shadowTopic(thingName, operation, ROBOT_SHADOW_NAME);
    const filters = [
      amrCommandFilter(thingName),
      shadow('update/delta'),
      shadow('get/accepted'),
      shadow('get/rejected'),
      shadow('update/accepted'),
      shadow('update/rejected'),
    ];
    client.subscribe(
      Object.fromEntries(filters.map((filter) => [filter, { qos: 1 as const }])),
      (error, granted) => {
        if (session !== current) return;
        if (error !== undefined && error !== null) {
          log.log(
            'error',
            'runtime.subscribeFailed',
            `Could not subscribe to commands and the robot shadow: ${error.message}`,
          );
          return;
        }
        const refused = (granted ?? [])
          .filter((grant) => grant.qos === 128)
          .map((grant) => grant.topic);
        if (refused.length > 0) {
          log.log(
            'error',
            'runtime.subscribeRefused',
            `The broker refused the subscriptions ${refused.join(', ')}`,
          );
        }
        tokenSeq += 1;
        pendingGetToken = `${tokenPrefix}-${tokenSeq}`;
        publish(
          client,
          shadowTopic(thingName, 'get', ROBOT_SHADOW_NAME),
          { clientToken: pendingGetToken },
          false,
          'shadow get',
        );
      },
    );
    statusThrottle.flush();
    restartHeartbeat();
  };

  const release = (): ProductionSession | undefined => {
    const previous = session;
    removeClientListeners?.();
    removeClientListeners = undefined;
    session = undefined;
    stopHeartbeat();
    statusThrottle.cancel();
    reportThrottle.cancel();
    pendingGetToken = undefined;
    return previous;
  };

  return {
    will(thingName: string, connectedAt: number): ProductionWill {
      return {
        topic: amrStatusTopic(thingName),
        payload: Buffer.from(JSON.stringify(lastWillStatus(thingName, connectedAt))),
        qos: 1,
        retain: true,
      };
    },

    attach(next: ProductionSession): void {
      if (closed) {
        log.log('warn', 'runtime.closed', 'Ignored attach: the robot runtime is closed');
        return;
      }
      if (session !== undefined) {
        log.log(
          'warn',
          'runtime.replaced',
          'A new connection was attached before the previous one was detached',
        );
        release();
      }
      session = next;
      lastStatus = undefined;
      lastReported = undefined;
      const commandPrefix = `${amrCommandFilter(next.thingName).slice(0, -1)}`;
      const shadowPrefix = `${shadowTopicPrefix(next.thingName, ROBOT_SHADOW_NAME)}/`;
      const onMessage = (topic: string, payload: Buffer): void => {
        try {
          if (topic.startsWith(commandPrefix)) {
            const parsedTopic = parseAmrTopic(topic);
            if (parsedTopic?.kind !== 'command') {
              if (parsedTopic === undefined) {
                log.log(
                  'warn',
                  'runtime.commandRejected',
                  `Ignored a command on ${JSON.stringify(topic)}: expected amr/<thing>/cmd/[a-z][a-z0-9-]{0,31}`,
                );
              }
              return;
            }
            void handleCommand(parsedTopic.command, payload).catch((error: unknown) => {
              log.log(
                'error',
                'runtime.commandError',
                `Could not handle a ${parsedTopic.command} command: ${errorMessage(error)}`,
              );
            });
          } else if (topic.startsWith(shadowPrefix)) {
            handleShadow(topic.slice(shadowPrefix.length), payload);
          }
        } catch (error) {
          log.log(
            'warn',
            'runtime.payloadInvalid',
            `Ignored a message on ${topic}: ${errorMessage(error)}`,
          );
        }
      };
      const onConnect = (): void => {
        log.log('info', 'runtime.reconnected', 'Reconnected; announcing the robot again');
        onConnected(next);
      };
      next.client.on('message', onMessage);
      next.client.on('connect', onConnect);
      removeClientListeners = () => {
        next.client.off('message', onMessage);
        next.client.off('connect', onConnect);
      };
      log.log(
        'info',
        'runtime.attached',
        `Robot runtime attached (certificate ${next.certificateId.slice(0, 12)}…)`,
        {
          thingName: next.thingName,
        },
      );
      if (next.client.connected) onConnected(next);
    },

    async detach(detachOptions = {}): Promise<void> {
      const previous = release();
      if (previous === undefined) return;
      if (detachOptions.final === true && previous.client.connected) {
        const status = statusFromSnapshot(previous.thingName, robot.snapshot(), {
          online: false,
          certificateId: previous.certificateId,
          lastError,
          now: clock.now(),
        });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            log.log(
              'warn',
              'runtime.offlineStatusTimeout',
              `The broker did not acknowledge the offline status within ${config.detachTimeoutMs} ms`,
            );
            resolve();
          }, config.detachTimeoutMs);
          publish(
            previous.client,
            amrStatusTopic(previous.thingName),
            status,
            true,
            'offline status',
            () => {
              clearTimeout(timer);
              resolve();
            },
          );
        });
      }
      log.log(
        'info',
        'runtime.detached',
        detachOptions.final === true
          ? 'Robot runtime stopped (offline status sent)'
          : 'Robot runtime detached',
      );
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      release();
      removeRobotListener();
      await desiredChain;
      await robot.close();
    },
  };
}
