import type { RobotSnapshot } from '../robot/schemas.js';

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/**
 * The snapshot as published: battery to 0.1 %, position to the centimetre, heading to the
 * milliradian. Publishing finer values would only make every tiny move look like a change.
 */
export function roundSnapshot(snapshot: RobotSnapshot): RobotSnapshot {
  return {
    ...snapshot,
    battery: round(snapshot.battery, 1),
    position: {
      x: round(snapshot.position.x, 2),
      y: round(snapshot.position.y, 2),
      theta: round(snapshot.position.theta, 3),
    },
  };
}
