import {
  RequestIdSchema,
  RotationCommitRequestSchema,
  parseAmrTopic,
  rotationCommitAcceptedTopic,
  rotationCommitRejectedTopic,
  type RotationCommitRequest,
} from '@iot-gateway-net/topics';
import { z } from 'zod';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import { certificateIdFromArn } from '../ports/certificateIdFromArn.js';
import { PREVIOUS_CERTIFICATE_ATTRIBUTE } from './constants.js';
import type {
  CertificateInfo,
  CloudFunctionClock,
  CloudFunctionLog,
  IotControlPort,
} from '../ports/types.js';
import { IotRuleEventSchema } from '../rule-event/schemas.js';
import type { RotationCommitAnswer, RotationCommitRejectCode } from './schemas.js';

/** Dependencies of {@link createRotationCommitHandler}. */
export interface RotationCommitHandlerOptions {
  readonly iot: IotControlPort;
  readonly clock: CloudFunctionClock;
  readonly log: CloudFunctionLog;
}

/** Internal control flow only: never leaves the handler. */
class Rejection extends Error {
  constructor(
    readonly code: RotationCommitRejectCode,
    message: string,
  ) {
    super(message);
  }
}

function holds(principals: readonly string[], certificateId: string): boolean {
  return principals.some((arn) => certificateIdFromArn(arn) === certificateId);
}

function requestIdOf(event: Record<string, unknown>): string | undefined {
  const parsed = RequestIdSchema.safeParse(event['requestId']);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Creates the backend half of certificate rotation (design 2.4 and 3.3, aws-wire §8): the robot,
 * connected with its NEW certificate, publishes `{oldCertificateId, newCertificateId, requestId}` on
 * `amr/<thing>/cert/commit`; the handler proves that the connection really uses a newer ACTIVE
 * certificate of that thing, then retires the old one. The answer is meant for
 * `amr/<thing>/cert/commit/accepted` or `/rejected`.
 *
 * IoT rule (AWS IoT SQL functions topic(), clientid(), principal(), timestamp()):
 * ```sql
 * SELECT *, topic() AS topic, clientid() AS clientId, principal() AS principal,
 *   timestamp() AS timestamp FROM 'amr/+/cert/commit'
 * ```
 *
 * Checks, in order (first failure answers rejected and changes nothing): the payload is a
 * `RotationCommitRequest` (`INVALID_REQUEST`); the client id is the thing name (`WRONG_CLIENT_ID`);
 * `newCertificateId` is the publishing certificate, `principal()` (`WRONG_PRINCIPAL`); that
 * certificate is ACTIVE (`NEW_NOT_ACTIVE`) and attached to the thing (`NOT_ATTACHED`); the old
 * certificate exists (`OLD_NOT_FOUND`) and is attached to the same thing (`OLD_NOT_ATTACHED`); the
 * publishing certificate was created after it (`NOT_NEWER`).
 *
 * Then: the old certificate becomes INACTIVE (a REVOKED one stays REVOKED), every policy is detached
 * from it, its id is recorded on the thing as the attribute `previousCertificateId`
 * ({@link PREVIOUS_CERTIFICATE_ATTRIBUTE}, UpdateThing with `merge: true`, so the thing's other
 * attributes stay), and last it is detached from the thing. The thing attachment goes last because
 * it is the proof of ownership: a commit retried after a crash half-way still finds it and finishes
 * the job.
 * A repeated commit whose old certificate is already INACTIVE or REVOKED and attached to no thing is
 * accepted again without touching anything (libs/rotation "Contract with the backend commit
 * handler"). The publishing certificate is never touched: it must equal `newCertificateId`, which
 * the request schema requires to differ from `oldCertificateId`.
 *
 * @returns a function from the rule event to the answer to publish. A failed control-plane call
 *   answers rejected `INTERNAL` (logged); the device retries.
 * @throws {CloudFunctionError} `INVALID_EVENT` (from the returned function) when the event lacks the
 *   rule's envelope or its topic is not `amr/<thing>/cert/commit`: there is no thing to answer.
 */
export function createRotationCommitHandler(
  options: RotationCommitHandlerOptions,
): (event: unknown) => Promise<RotationCommitAnswer> {
  const { iot, clock, log } = options;

  async function check(
    thingName: string,
    clientId: string,
    principal: string,
    request: RotationCommitRequest,
  ): Promise<{ old: CertificateInfo; alreadyDone: boolean }> {
    if (clientId !== thingName) {
      throw new Rejection(
        'WRONG_CLIENT_ID',
        `Unexpected client id "${clientId}", expected the thing name "${thingName}"`,
      );
    }
    if (request.newCertificateId !== principal) {
      throw new Rejection(
        'WRONG_PRINCIPAL',
        `Unexpected newCertificateId "${request.newCertificateId}", expected the certificate of this connection "${principal}"`,
      );
    }
    const current = await iot.describeCertificate(principal);
    if (current?.status !== 'ACTIVE') {
      throw new Rejection(
        'NEW_NOT_ACTIVE',
        `Certificate "${principal}" is ${current?.status ?? 'not registered'}, expected ACTIVE`,
      );
    }
    const principals = (await iot.listThingPrincipals(thingName)) ?? [];
    if (!holds(principals, principal)) {
      throw new Rejection(
        'NOT_ATTACHED',
        `Certificate "${principal}" is not attached to thing "${thingName}"`,
      );
    }
    const old = await iot.describeCertificate(request.oldCertificateId);
    if (old === undefined) {
      throw new Rejection(
        'OLD_NOT_FOUND',
        `Unknown oldCertificateId "${request.oldCertificateId}", expected a registered certificate of thing "${thingName}"`,
      );
    }
    let alreadyDone = false;
    if (!holds(principals, old.certificateId)) {
      const owners = await iot.listPrincipalThings(old.certificateArn);
      alreadyDone = owners.length === 0 && (old.status === 'INACTIVE' || old.status === 'REVOKED');
      if (!alreadyDone) {
        throw new Rejection(
          'OLD_NOT_ATTACHED',
          `Certificate "${old.certificateId}" (${old.status}) is attached to ${
            owners.length === 0 ? 'no thing' : `thing(s) ${owners.map((o) => `"${o}"`).join(', ')}`
          }, expected thing "${thingName}"`,
        );
      }
    }
    if (current.creationDate.getTime() <= old.creationDate.getTime()) {
      throw new Rejection(
        'NOT_NEWER',
        `Certificate "${principal}" was created ${current.creationDate.toISOString()}, expected after the old certificate's ${old.creationDate.toISOString()}`,
      );
    }
    return { old, alreadyDone };
  }

  async function retire(thingName: string, old: CertificateInfo): Promise<void> {
    if (old.status !== 'INACTIVE' && old.status !== 'REVOKED') {
      await iot.updateCertificate(old.certificateId, 'INACTIVE');
    }
    for (const policyName of await iot.listAttachedPolicies(old.certificateArn)) {
      await iot.detachPolicy(policyName, old.certificateArn);
    }
    // The registry keeps no history of a thing's certificates: record the one retired, so that
    // `amrctl runbook renewal-failure --reenable` can tell it from a certificate the robot never
    // had. Before the detach, so that a retry of a commit that failed here still writes it. A
    // request AWS refuses for good (InvalidRequestException: a thing without a thing type already
    // holding its 3 attributes, for one — "up to three attributes", AWS::IoT::Thing
    // AttributePayload) must not keep the old certificate attached forever: the
    // record is an aid to the runbook, retiring the certificate is the point, so it is skipped.
    try {
      await iot.updateThingAttributes(thingName, {
        [PREVIOUS_CERTIFICATE_ATTRIBUTE]: old.certificateId,
      });
    } catch (error) {
      if (!isRefusedForGood(error)) throw error;
      log('rotation.commit.history_not_recorded', {
        thingName,
        oldCertificateId: old.certificateId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    await iot.detachThingPrincipal(thingName, old.certificateArn);
  }

  return async (event) => {
    const envelope = IotRuleEventSchema.safeParse(event);
    if (!envelope.success) {
      throw new CloudFunctionError(
        'INVALID_EVENT',
        `Unexpected rotation-commit event: ${z.prettifyError(envelope.error)}; expected the payload with topic, clientId, principal and timestamp added by the IoT rule`,
        { cause: envelope.error },
      );
    }
    const { topic, clientId, principal } = envelope.data;
    const parsedTopic = parseAmrTopic(topic);
    if (parsedTopic?.kind !== 'rotationCommit') {
      throw new CloudFunctionError(
        'INVALID_EVENT',
        `Unexpected topic "${topic}", expected amr/<thingName>/cert/commit`,
      );
    }
    const { thingName } = parsedTopic;
    const startedAt = clock.now();
    const reject = (
      code: RotationCommitRejectCode,
      message: string,
      requestId: string | undefined,
    ): RotationCommitAnswer => {
      log('rotation.commit.rejected', { thingName, clientId, principal, code, message, requestId });
      return {
        outcome: 'rejected',
        topic: rotationCommitRejectedTopic(thingName),
        payload: { ...(requestId === undefined ? {} : { requestId }), code, message },
      };
    };

    const request = RotationCommitRequestSchema.safeParse(event);
    if (!request.success) {
      return reject(
        'INVALID_REQUEST',
        `Unexpected rotation commit: ${z.prettifyError(request.error)}`,
        requestIdOf(envelope.data),
      );
    }
    const { requestId, oldCertificateId } = request.data;
    try {
      const { old, alreadyDone } = await check(thingName, clientId, principal, request.data);
      if (!alreadyDone) {
        await retire(thingName, old);
      }
      log('rotation.commit.accepted', {
        thingName,
        requestId,
        newCertificateId: principal,
        deactivatedCertificateId: oldCertificateId,
        repeated: alreadyDone,
        at: startedAt.toISOString(),
      });
      return {
        outcome: 'accepted',
        topic: rotationCommitAcceptedTopic(thingName),
        payload: { requestId, deactivatedCertificateId: oldCertificateId },
      };
    } catch (error) {
      if (error instanceof Rejection) {
        return reject(error.code, error.message, requestId);
      }
      log('rotation.commit.failed', {
        thingName,
        requestId,
        error: error instanceof Error ? error.message : String(error),
      });
      return reject(
        'INTERNAL',
        'The commit could not be completed; retry it (a repeated commit is safe)',
        requestId,
      );
    }
  };
}

/** An AWS error that a retry of the same request cannot cure (the port may wrap it). */
function isRefusedForGood(error: unknown): boolean {
  const cause = error instanceof CloudFunctionError ? error.cause : error;
  return cause instanceof Error && cause.name === 'InvalidRequestException';
}
