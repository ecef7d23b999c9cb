import type { JsonObject } from '@iot-gateway-net/topics';
import type { RobotSnapshot } from '../robot/schemas.js';
import { roundSnapshot } from './roundSnapshot.js';

/**
 * The `reported` section of the `robot` shadow: state, mission, battery, position, the id of the
 * certificate in use, and every setting at the top level under its `desired` key (so reporting
 * it clears the delta).
 */
export function reportedFromSnapshot(snapshot: RobotSnapshot, certificateId: string): JsonObject {
  const rounded = roundSnapshot(snapshot);
  return {
    ...rounded.settings,
    state: rounded.state,
    mission: rounded.mission,
    battery: rounded.battery,
    position: rounded.position,
    certificateId,
  };
}
