import {
  createJitrActivator,
  createRotationCommitHandler,
  type CloudFunctionLog,
  type IotControlPort,
} from '@iot-gateway-net/cloud-functions';
import { rotationCommitFilter } from '@iot-gateway-net/topics';
import type { Clock } from '../context/Clock.js';
import type { LocalRule } from './types.js';

/**
 * The rules the local cloud runs by default, with the same cloud functions the AWS infrastructure
 * deploys as Lambda actions:
 * - `amr-rotation-commit`: `amr/+/cert/commit` → the rotation-commit handler, which deactivates and
 *   detaches a robot's previous certificate once the robot proves it uses the new one, and answers
 *   on `amr/<thing>/cert/commit/accepted|rejected`.
 * - `amr-jitr-activator`, only with `jitrProductionPolicyName`: `$aws/events/certificates/registered/+`
 *   → the JITR activator (AWS IoT Developer Guide, "Just-in-time registration": a rule on that topic
 *   with a Lambda action), which creates the thing, attaches the production policy and activates
 *   the certificate. The event is published by the cloud, so it reaches the rule through
 *   `Rules.dispatch`, and only for JITR certificates (a JITP template has provisioned its own).
 */
export function builtInRules(deps: {
  iot: IotControlPort;
  clock: Clock;
  log: CloudFunctionLog;
  /** Production policy of the JITR activator; without it, JITR certificates stay PENDING_ACTIVATION. */
  jitrProductionPolicyName?: string | undefined;
}): LocalRule[] {
  // Cloud functions read the time as a Date (Lambda style); the local cloud's clock is epoch ms.
  const clock = { now: () => new Date(deps.clock.now()) };
  const rotationCommit = createRotationCommitHandler({ iot: deps.iot, clock, log: deps.log });
  const rules: LocalRule[] = [
    {
      name: 'amr-rotation-commit',
      topicFilter: rotationCommitFilter(),
      action: async (event) => {
        const answer = await rotationCommit(event);
        return { topic: answer.topic, payload: answer.payload };
      },
    },
  ];
  if (deps.jitrProductionPolicyName !== undefined) {
    const activate = createJitrActivator({
      iot: deps.iot,
      productionPolicyName: deps.jitrProductionPolicyName,
      clock,
      log: deps.log,
    });
    rules.push({
      name: 'amr-jitr-activator',
      topicFilter: '$aws/events/certificates/registered/+',
      // The RuleEvent carries the event's fields (SELECT *) plus the envelope; the activator
      // validates it (INVALID_EVENT otherwise) and ignores the extra fields. It publishes nothing.
      action: async (event) => {
        await activate(event as unknown as Parameters<typeof activate>[0]);
      },
    });
  }
  return rules;
}
