import {
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
 */
export function builtInRules(deps: {
  iot: IotControlPort;
  clock: Clock;
  log: CloudFunctionLog;
}): LocalRule[] {
  // Cloud functions read the time as a Date (Lambda style); the local cloud's clock is epoch ms.
  const clock = { now: () => new Date(deps.clock.now()) };
  const rotationCommit = createRotationCommitHandler({ iot: deps.iot, clock, log: deps.log });
  return [
    {
      name: 'amr-rotation-commit',
      topicFilter: rotationCommitFilter(),
      action: async (event) => {
        const answer = await rotationCommit(event);
        return { topic: answer.topic, payload: answer.payload };
      },
    },
  ];
}
