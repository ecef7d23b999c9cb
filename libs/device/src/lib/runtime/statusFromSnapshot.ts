import type { AmrInputError, AmrStatus } from '@iot-gateway-net/topics';
import type { RobotSnapshot } from '../robot/schemas.js';
import { roundSnapshot } from './roundSnapshot.js';

/**
 * The retained `amr/<thing>/status` payload for a robot snapshot. With `online: false` (graceful
 * stop) the state is `offline` and the mission `null`, as in the Last Will; battery and position
 * stay so the operator sees where the robot was left. `lastError`, when given, is carried as is.
 */
export function statusFromSnapshot(
  thingName: string,
  snapshot: RobotSnapshot,
  options: {
    online: boolean;
    certificateId?: string;
    lastError?: AmrInputError | undefined;
    now: number;
  },
): AmrStatus {
  const rounded = roundSnapshot(snapshot);
  return {
    thingName,
    online: options.online,
    state: options.online ? rounded.state : 'offline',
    battery: rounded.battery,
    position: rounded.position,
    mission: options.online ? rounded.mission : null,
    ...(options.certificateId === undefined ? {} : { certificateId: options.certificateId }),
    ...(options.lastError === undefined ? {} : { lastError: options.lastError }),
    updatedAt: options.now,
  };
}
