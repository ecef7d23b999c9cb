import { certificateValidity, createCsr, generateKeyPair } from '@iot-gateway-net/pki/device';
import {
  ProvisioningError,
  createProvisioningClient,
  fromMqttJs,
  type ProvisioningClient,
} from '@iot-gateway-net/provisioning';
import {
  transition,
  type FailureReason,
  type Operation,
  type RotationAction,
  type RotationConfig,
  type RotationEvent,
  type RotationReportCode,
  type RotationState,
} from '@iot-gateway-net/rotation';
import type { MqttClient } from 'mqtt';
import type { DeviceConfig } from '../config/schemas.js';
import type { CredentialStore } from '../credentials/types.js';
import type { DeviceClock, DeviceLogger, DeviceLogLevel, RobotRuntime } from '../runtime/types.js';
import { createProductionLink } from './createProductionLink.js';
import { openClaimConnection } from './openClaimConnection.js';
import type { EventBody } from './types.js';

/** Options of {@link createIdentity}. */
export interface IdentityOptions {
  readonly config: DeviceConfig;
  readonly rotationConfig: RotationConfig;
  /** The loaded (or initial) rotation state; the driver feeds it `restarted` on `start()`. */
  readonly state: RotationState;
  /** The thing name to connect as until RegisterThing answers another. */
  readonly thingName: string;
  readonly store: CredentialStore;
  readonly runtime: RobotRuntime;
  readonly clock: DeviceClock;
  readonly log: DeviceLogger;
  readonly random: () => number;
  /** PEM of the CA(s) that sign the broker's server certificate. */
  readonly ca: string;
  /** Whether the clock may judge expiry now (NTP, or not earlier than the build time). */
  readonly clockTrusted: () => Promise<boolean>;
  /** Longest single timer wait; the timer re-arms after it (a clock may jump). */
  readonly timerClampMs: number;
}

/** What `status()` tells about the robot's identity. */
export interface IdentityStatus {
  /** The thing name the production connection uses (client id). */
  readonly thingName: string;
  /** Id of the production certificate in use, or `null` before the first one. */
  readonly certificateId: string | null;
  /** Its `notAfter` (epoch ms), or `null`. */
  readonly notAfter: number | null;
  /** Phase of the rotation machine (`operating`, `renewing`, `recovering`, ...). */
  readonly rotationState: RotationState['phase'];
  /** Step of a renewal or recovery in flight, if any. */
  readonly step: string | undefined;
  /** Whether the production connection is up. */
  readonly connected: boolean;
}

/** The identity driver of one robot; see {@link createIdentity}. */
export interface Identity {
  /** Feeds `restarted` (with the clock's trust) and runs until `stop()`. */
  start(): Promise<void>;
  status(): IdentityStatus;
  /**
   * Stops feeding the machine, disarms timers, ends the claim connection and the production
   * connection (after `runtime.detach({ final: true })`), and waits for actions in flight. The
   * persisted state then resumes correctly on the next start, whatever step it was in.
   */
  stop(): Promise<void>;
}

interface ClaimSession {
  readonly slot: string;
  readonly abort: AbortController;
  client?: MqttClient;
  provisioning?: ProvisioningClient;
}

const REPORT_LEVEL: Record<RotationReportCode, DeviceLogLevel> = {
  clockUntrusted: 'warn',
  renewalStarted: 'info',
  recoveryStarted: 'warn',
  productionDead: 'warn',
  attemptFailed: 'warn',
  rolledBack: 'warn',
  renewalAbandoned: 'warn',
  needsTechnician: 'error',
  renewed: 'info',
  recovered: 'info',
  commitSkipped: 'warn',
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failureOf(error: unknown): { reason: FailureReason; errorCode?: string } {
  if (error instanceof ProvisioningError) {
    switch (error.code) {
      case 'REJECTED':
        return error.rejection === undefined
          ? { reason: 'rejected' }
          : { reason: 'rejected', errorCode: error.rejection.errorCode };
      case 'TIMEOUT':
        return { reason: 'timeout' };
      case 'CONNECTION':
      case 'DISPOSED':
        return { reason: 'connectionLost' };
      case 'INVALID_RESPONSE':
      case 'INVALID_ARGUMENT':
        return { reason: 'error' };
    }
  }
  return { reason: 'error' };
}

function stepOf(state: RotationState): string | undefined {
  return 'step' in state ? state.step.name : undefined;
}

/**
 * The identity driver: feeds the rotation machine exactly per its driver contract (one event at a
 * time; `persist` written durably before anything else; the other actions started in order, their
 * outcomes fed back as events; one timer) and executes every action: key generation on the robot
 * (`@iot-gateway-net/pki`), the claim connection and fleet provisioning
 * (`@iot-gateway-net/provisioning`), the production connection (see `createProductionLink`), the
 * rotation commit, slot deletion and technician-readable reports.
 */
export function createIdentity(options: IdentityOptions): Identity {
  const { config, rotationConfig, store, runtime, clock, log, random } = options;
  let state = options.state;
  let thingName = options.thingName;
  let stopped = false;
  let draining = false;
  let idle: Promise<void> = Promise.resolve();
  const queue: EventBody[] = [];
  const inFlight = new Set<Promise<void>>();
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  let clockTimer: ReturnType<typeof setInterval> | undefined;
  let claim: ClaimSession | undefined;
  const serial = config.serialNumber;
  const claimClientId = `claim-${serial}` === thingName ? `claim-${serial}-p` : `claim-${serial}`;

  const feed = (body: EventBody): void => {
    if (stopped) return;
    queue.push(body);
    if (!draining) {
      draining = true;
      idle = drain();
    }
  };

  const fail = (
    operation: Operation,
    slot: string,
    reason: FailureReason,
    message: string,
    errorCode?: string,
  ): void => {
    feed({
      type: 'operationFailed',
      operation,
      slot,
      reason,
      message: message.slice(0, 1024),
      ...(errorCode === undefined ? {} : { errorCode: errorCode.slice(0, 256) }),
    });
  };

  const production = createProductionLink({
    host: config.endpoint.host,
    port: config.endpoint.port,
    ca: options.ca,
    keepaliveSeconds: config.connection.keepaliveSeconds,
    connectTimeoutMs: config.connection.connectTimeoutMs,
    reconnect: {
      minDelayMs: config.connection.reconnectMinDelayMs,
      maxDelayMs: config.connection.reconnectMaxDelayMs,
      stableAfterMs: config.connection.stableAfterMs,
    },
    thingName: () => thingName,
    store,
    runtime,
    clock,
    log,
    random,
    onConnected: (slot) => feed({ type: 'productionConnected', slot }),
    onRefused: (slot, reason, message) => fail('connectProduction', slot, reason, message),
  });

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0 && !stopped) {
        const body = queue.shift();
        if (body === undefined) break;
        await step({ ...body, now: clock.now(), random: random() });
      }
    } finally {
      draining = false;
    }
  }

  async function step(event: RotationEvent): Promise<void> {
    let result;
    try {
      result = transition(state, event, rotationConfig);
    } catch (error) {
      log.log('error', 'rotation.invalidEvent', `Ignored event ${event.type}: ${messageOf(error)}`);
      return;
    }
    if (result.actions[0]?.type === 'persist') {
      try {
        await store.saveState(result.state);
      } catch (error) {
        // Without a durable state no side effect may run; the step times out and is retried.
        log.log(
          'error',
          'state.persistFailed',
          `Cannot save the rotation state: ${messageOf(error)}`,
        );
        arm(clock.now() + rotationConfig.backoffBaseMs);
        return;
      }
    }
    const previous = state;
    state = result.state;
    if (previous.phase !== state.phase || stepOf(previous) !== stepOf(state)) {
      const stepName = stepOf(state);
      log.log(
        'info',
        'rotation.state',
        `Certificate lifecycle: ${state.phase}${stepName === undefined ? '' : ` (${stepName})`}`,
        { phase: state.phase, step: stepName, event: event.type },
      );
    }
    for (const action of result.actions) {
      if (stopped) break;
      execute(action);
    }
  }

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  function execute(action: RotationAction): void {
    switch (action.type) {
      case 'persist':
        return;
      case 'connectProduction':
        production.use(action.slot);
        return;
      case 'disconnectProduction':
        track(production.disconnect());
        return;
      case 'connectClaim':
        track(connectClaim(action.slot, action.claimSlot));
        return;
      case 'disconnectClaim':
        track(closeClaim());
        return;
      case 'generateKey':
        track(generateKey(action.slot));
        return;
      case 'requestCertificate':
        track(requestCertificate(action.slot, action.method));
        return;
      case 'registerThing':
        track(registerThing(action.slot, action.certificateOwnershipToken));
        return;
      case 'publishCommit':
        track(publishCommit(action.slot, action.newCertificateId, action.oldCertificateId));
        return;
      case 'deleteSlot':
        track(deleteSlot(action.slot, action.kind));
        return;
      case 'scheduleTick':
        arm(action.at);
        return;
      case 'report':
        log.log(REPORT_LEVEL[action.code], `rotation.${action.code}`, action.message, {
          certificateId: action.certificateId?.slice(0, 12),
        });
        return;
    }
  }

  function arm(at: number | null): void {
    clearTimeout(tickTimer);
    tickTimer = undefined;
    if (at === null || stopped) return;
    const delay = Math.max(0, Math.min(at - clock.now(), options.timerClampMs));
    tickTimer = setTimeout(() => {
      tickTimer = undefined;
      if (clock.now() >= at) feed({ type: 'tick' });
      else arm(at);
    }, delay);
  }

  async function generateKey(slot: string): Promise<void> {
    try {
      const keys = await generateKeyPair();
      const csrPem = await createCsr({ keys, commonName: thingName });
      await store.writeKey(slot, keys.privateKeyPem, csrPem);
      log.log('info', 'provisioning.keyGenerated', 'New key pair generated on the robot', { slot });
      feed({ type: 'keyGenerated', slot });
    } catch (error) {
      fail('generateKey', slot, 'error', messageOf(error));
    }
  }

  async function closeClaim(): Promise<void> {
    const session = claim;
    if (session === undefined) return;
    claim = undefined;
    session.abort.abort();
    await session.provisioning?.dispose();
    const client = session.client;
    if (client !== undefined) {
      await new Promise<void>((resolve) => client.end(!client.connected, {}, () => resolve()));
      log.log('info', 'claim.disconnected', 'Claim connection closed');
    }
  }

  async function connectClaim(slot: string, claimSlot: string): Promise<void> {
    await closeClaim();
    const session: ClaimSession = { slot, abort: new AbortController() };
    claim = session;
    let credential;
    try {
      credential = await store.readCredential(claimSlot);
    } catch (error) {
      log.log('error', 'claim.credentialUnreadable', messageOf(error));
      fail('connectClaim', slot, 'credentialUnreadable', messageOf(error));
      return;
    }
    log.log(
      'info',
      'claim.connecting',
      `Connecting with the claim certificate as ${claimClientId}`,
      {
        slot,
      },
    );
    const result = await openClaimConnection({
      host: config.endpoint.host,
      port: config.endpoint.port,
      ca: options.ca,
      credential,
      clientId: claimClientId,
      keepaliveSeconds: config.connection.keepaliveSeconds,
      timeoutMs: config.connection.connectTimeoutMs,
      signal: session.abort.signal,
    });
    if (claim !== session || stopped) {
      if (result.ok) result.client.end(true);
      return;
    }
    if (!result.ok) {
      log.log('warn', 'claim.failed', `Claim connection failed: ${result.message}`, {
        reason: result.reason,
      });
      fail('connectClaim', slot, result.reason, result.message);
      return;
    }
    session.client = result.client;
    session.provisioning = createProvisioningClient({
      connection: fromMqttJs(result.client),
      format: config.provisioning.format,
      timeoutMs: config.provisioning.requestTimeoutMs,
      clock,
      random,
    });
    log.log('info', 'claim.connected', 'Claim connection open (fleet provisioning)', { slot });
    feed({ type: 'claimConnected', slot });
  }

  function provisioningFor(slot: string): ProvisioningClient | undefined {
    return claim?.slot === slot ? claim.provisioning : undefined;
  }

  async function requestCertificate(
    slot: string,
    method: 'csr' | 'createKeysAndCertificate',
  ): Promise<void> {
    const provisioning = provisioningFor(slot);
    if (provisioning === undefined) {
      fail('requestCertificate', slot, 'connectionLost', 'The claim connection is not open');
      return;
    }
    try {
      let certificatePem: string;
      let certificateId: string;
      let certificateOwnershipToken: string;
      if (method === 'csr') {
        const csrPem = await store.readCsr(slot);
        const accepted = await provisioning.createCertificateFromCsr(csrPem);
        ({ certificatePem, certificateId, certificateOwnershipToken } = accepted);
        await store.writeCertificate(slot, certificatePem);
      } else {
        const accepted = await provisioning.createKeysAndCertificate();
        ({ certificatePem, certificateId, certificateOwnershipToken } = accepted);
        await store.writeKey(slot, accepted.privateKey);
        await store.writeCertificate(slot, certificatePem);
      }
      const parsed = certificateValidity(certificatePem);
      log.log(
        'info',
        'provisioning.certificateIssued',
        `New certificate ${certificateId.slice(0, 12)}… issued, valid until ${parsed.notAfter.toISOString()}`,
        { slot, method },
      );
      feed({
        type: 'certificateIssued',
        slot,
        certificateId,
        certificateOwnershipToken,
        notBefore: parsed.notBefore.getTime(),
        notAfter: parsed.notAfter.getTime(),
      });
    } catch (error) {
      const { reason, errorCode } = failureOf(error);
      log.log(
        'warn',
        'provisioning.requestFailed',
        `Certificate request failed: ${messageOf(error)}`,
        {
          slot,
          reason,
        },
      );
      fail('requestCertificate', slot, reason, messageOf(error), errorCode);
    }
  }

  async function registerThing(slot: string, certificateOwnershipToken: string): Promise<void> {
    const provisioning = provisioningFor(slot);
    if (provisioning === undefined) {
      fail('registerThing', slot, 'connectionLost', 'The claim connection is not open');
      return;
    }
    const issued = 'step' in state && 'issued' in state.step ? state.step.issued : null;
    const tokenIssuedAt =
      issued === null ? undefined : issued.tokenExpiresAt - rotationConfig.ownershipTokenTtlMs;
    try {
      const accepted = await provisioning.registerThing(config.provisioning.templateName, {
        certificateOwnershipToken,
        parameters: {
          ...config.provisioning.parameters,
          [config.provisioning.serialParameter]: serial,
        },
        ...(tokenIssuedAt === undefined ? {} : { tokenIssuedAt }),
      });
      if (accepted.thingName !== undefined && accepted.thingName !== thingName) {
        await store.saveThingName(accepted.thingName);
        thingName = accepted.thingName;
      } else if (accepted.thingName !== undefined) {
        await store.saveThingName(accepted.thingName);
      }
      log.log('info', 'provisioning.thingRegistered', `Registered as thing ${thingName}`, { slot });
      feed({ type: 'thingRegistered', slot });
    } catch (error) {
      const { reason, errorCode } = failureOf(error);
      log.log('warn', 'provisioning.registerFailed', `RegisterThing failed: ${messageOf(error)}`, {
        slot,
        reason,
      });
      fail('registerThing', slot, reason, messageOf(error), errorCode);
    }
  }

  async function publishCommit(
    slot: string,
    newCertificateId: string,
    oldCertificateId: string,
  ): Promise<void> {
    log.log(
      'info',
      'rotation.commitPublished',
      `Asking the cloud to retire certificate ${oldCertificateId.slice(0, 12)}…`,
      { slot },
    );
    const outcome = await production.commit(
      slot,
      { newCertificateId, oldCertificateId },
      Math.min(rotationConfig.stepTimeoutMs, config.provisioning.requestTimeoutMs * 3),
    );
    if (outcome.kind === 'accepted') {
      feed({ type: 'commitAccepted', slot });
      return;
    }
    log.log('warn', 'rotation.commitFailed', `Rotation commit not accepted: ${outcome.message}`, {
      reason: outcome.reason,
      errorCode: outcome.errorCode,
    });
    fail('publishCommit', slot, outcome.reason, outcome.message, outcome.errorCode);
  }

  async function deleteSlot(slot: string, kind: string): Promise<void> {
    try {
      await store.deleteSlot(slot);
      log.log('info', 'credentials.slotDeleted', `Deleted credential slot ${slot} (${kind})`);
      feed({ type: 'slotDeleted', slot });
    } catch (error) {
      log.log('warn', 'credentials.deleteFailed', messageOf(error), { slot });
      fail('deleteSlot', slot, 'error', messageOf(error));
    }
  }

  const watchClock = (): void => {
    clearInterval(clockTimer);
    clockTimer = setInterval(() => {
      void options.clockTrusted().then((trusted) => {
        if (!trusted || stopped) return;
        clearInterval(clockTimer);
        clockTimer = undefined;
        log.log('info', 'clock.synchronized', 'The clock is now trusted; judging certificates');
        feed({ type: 'clockSynchronized' });
      });
    }, config.clock.recheckIntervalMs);
  };

  return {
    async start() {
      const trusted = await options.clockTrusted();
      if (!trusted) {
        log.log(
          'warn',
          'clock.untrusted',
          'The clock is not synchronised; certificate expiry is not judged until it is',
        );
        watchClock();
      }
      feed({ type: 'restarted', clockSynchronized: trusted });
      await idle;
    },

    status() {
      return {
        thingName,
        certificateId: state.current?.certificateId ?? null,
        notAfter: state.current?.notAfter ?? null,
        rotationState: state.phase,
        step: stepOf(state),
        connected: production.connected,
      };
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      queue.length = 0;
      clearTimeout(tickTimer);
      clearInterval(clockTimer);
      await idle;
      await closeClaim();
      await production.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
