import type { Client } from 'aedes';
import type { DisconnectReason } from '@iot-gateway-net/topics';
import type { ConnectionPermissions } from '../authz/createConnectionPermissions.js';
import type { ConnectionAuthorization } from '../authz/resolveConnectionAuthorizer.js';
import type { ConnectionIdentity } from '../authz/types.js';
import type { LifecycleSession } from '../lifecycle/createLifecycleEvents.js';
import type { RateLimiter } from './createRateLimiter.js';
import type { Transport } from './types.js';

/** The broker's state of one authenticated connection. */
export interface BrokerConnection extends LifecycleSession {
  readonly client: Client;
  readonly transport: Transport;
  readonly identity: ConnectionIdentity;
  readonly certificateId: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly connectAttributes: readonly string[];
  /** Replaced when the registry changes what authorizes this connection. */
  authorization: ConnectionAuthorization;
  permissions: ConnectionPermissions;
  readonly limiter: RateLimiter;
  /** `publishTopicProblem`, memoized for this connection's topics. */
  readonly topicProblem: (topic: string, retain: boolean) => string | undefined;
  /** Topic filters granted to the connection. */
  readonly filters: Set<string>;
  /**
   * Levels above each `<parent>/#` filter: AWS's `#` does not match its parent level, Aedes' does,
   * so deliveries on exactly such a topic are re-checked.
   */
  hashParents: string[];
  /**
   * `brokerCounter` of the last message forwarded: one message reaches a connection once per
   * matching subscription, in consecutive calls, and is delivered once.
   */
  lastDelivered: number;
  /** Why the broker is closing it, when the broker decided. */
  reason: DisconnectReason | undefined;
  /** True once CONNACK went out and the connected event was published. */
  announced: boolean;
  /** True once the disconnected event was handled. */
  finished: boolean;
  ttlTimer: NodeJS.Timeout | undefined;
}
