import { amrStatusTopic, lastWillStatus } from '@iot-gateway-net/topics';
import type { ProductionSession, ProductionWill, RobotRuntime } from '../lib/runtime/types.js';

/** A minimal {@link RobotRuntime} that records what the identity layer does with it. */
export interface StubRuntime extends RobotRuntime {
  /** Every attached session, in order. */
  readonly sessions: ProductionSession[];
  /** `detach` calls, in order (`true` for final). */
  readonly detaches: boolean[];
  /** The session attached now, if any. */
  readonly current: ProductionSession | undefined;
}

/**
 * A stub of the runtime contract for identity tests (H6's real runtime is tested on its own):
 * registers the real Will and publishes nothing else.
 */
export function createStubRuntime(): StubRuntime {
  const sessions: ProductionSession[] = [];
  const detaches: boolean[] = [];
  let current: ProductionSession | undefined;
  return {
    sessions,
    detaches,
    get current() {
      return current;
    },
    will(thingName: string, connectedAt: number): ProductionWill {
      return {
        topic: amrStatusTopic(thingName),
        payload: Buffer.from(JSON.stringify(lastWillStatus(thingName, connectedAt))),
        qos: 1,
        retain: true,
      };
    },
    attach(session) {
      sessions.push(session);
      current = session;
    },
    detach(options) {
      detaches.push(options?.final === true);
      current = undefined;
      return Promise.resolve();
    },
    close() {
      return Promise.resolve();
    },
  };
}
