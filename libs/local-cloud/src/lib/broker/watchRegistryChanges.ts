import type { DisconnectReason } from '@iot-gateway-net/topics';
import type { Registry, RegistryChange } from '../registry/types.js';
import type { BrokerConnection } from './BrokerConnection.js';

/** What {@link watchRegistryChanges} acts on. */
export interface RegistryWatchDependencies {
  readonly registry: Pick<Registry, 'onChange'>;
  /** The live connections. */
  readonly connections: Iterable<BrokerConnection>;
  /** Closes a connection with a lifecycle `disconnectReason`. */
  readonly disconnect: (
    connection: BrokerConnection,
    reason: DisconnectReason,
    detail: string,
  ) => void;
  /** Re-resolves a connection's authorization from the registry (it may disconnect it). */
  readonly reauthorize: (connection: BrokerConnection) => void;
  /** Called when a policy document or its default version changed, before re-authorizing. */
  readonly policyChanged: () => void;
}

/**
 * Applies registry changes to live connections, as AWS IoT does:
 * - a certificate that leaves ACTIVE (deactivated, revoked, deleted) has its connections closed
 *   with `AUTH_ERROR` at once (AWS IoT Developer Guide, "Activate or deactivate a client
 *   certificate"; the issue asks for within one second);
 * - a changed policy, attachment, thing-principal link or thing makes the connections that depend
 *   on it re-resolve their authorization (batched once per event-loop turn, so that a transaction
 *   of many changes costs one re-resolution per connection), because AWS IoT evaluates every
 *   action against the current policies.
 *
 * @returns the function that stops watching.
 */
export function watchRegistryChanges(deps: RegistryWatchDependencies): () => void {
  const dirty = new Set<BrokerConnection>();
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const batch = [...dirty];
    dirty.clear();
    for (const connection of batch) {
      if (!connection.finished) {
        deps.reauthorize(connection);
      }
    }
  };
  const mark = (predicate: (connection: BrokerConnection) => boolean): void => {
    for (const connection of deps.connections) {
      if (predicate(connection)) {
        dirty.add(connection);
      }
    }
    if (dirty.size > 0 && !scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  const onChange = (change: RegistryChange): void => {
    switch (change.type) {
      case 'certificate': {
        if (change.status === 'ACTIVE') {
          break;
        }
        const affected = [...deps.connections].filter(
          (c) => c.certificateId === change.certificateId,
        );
        // After the registry's transaction has returned to its caller.
        setImmediate(() => {
          for (const connection of affected) {
            deps.disconnect(
              connection,
              'AUTH_ERROR',
              `certificate ${change.certificateId} is ${change.status}`,
            );
          }
        });
        break;
      }
      case 'policy':
        deps.policyChanged();
        mark((c) => c.authorization.policyNames.includes(change.policyName));
        break;
      case 'policyAttachment':
        mark((c) => c.authorization.principal === change.target);
        break;
      case 'thingPrincipal':
        mark((c) => c.authorization.principal === change.principal);
        break;
      case 'thing':
        mark((c) => c.clientId === change.thingName);
        break;
      case 'caCertificate':
        break;
    }
  };
  return deps.registry.onChange(onChange);
}
