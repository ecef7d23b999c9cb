import type { Registry } from './types.js';

interface Queued {
  readonly fn: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

// Work queued per registry for the next turn of the event loop.
const queues = new WeakMap<Pick<Registry, 'transaction'>, Queued[]>();

/**
 * Runs `fn` atomically and durably, committed together with the other `commitInGroup` calls made on
 * the same registry in the same turn of the event loop (group commit). Each `fn` runs in its own
 * savepoint inside one registry transaction: its writes all land or, if it throws, none do and only
 * it is rejected. The promise settles after that transaction has committed — with
 * `synchronous=FULL`, after its fsync — so an answer sent then never names anything a crash could
 * lose. A provisioning storm, and a fleet's retained heartbeats and shadow updates, then pay one
 * fsync per turn instead of one per request: the busier the broker, the more each commit carries,
 * and a commit no longer blocks the event loop once per message.
 *
 * @returns what `fn` returns, once committed.
 * @throws (rejects with) what `fn` throws; every queued call rejects with the error if the shared
 *   commit itself fails.
 */
export function commitInGroup<T>(registry: Pick<Registry, 'transaction'>, fn: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(registry);
    if (queue === undefined) {
      queue = [];
      queues.set(registry, queue);
      setImmediate(() => flush(registry));
    }
    queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
  });
}

function flush(registry: Pick<Registry, 'transaction'>): void {
  const queue = queues.get(registry) ?? [];
  queues.delete(registry);
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    registry.transaction(() => {
      for (const { fn } of queue) {
        try {
          // A nested transaction is a savepoint: a failing fn rolls back its own writes only.
          outcomes.push({ ok: true, value: registry.transaction(fn) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    for (const { reject } of queue) reject(error);
    return;
  }
  queue.forEach(({ resolve, reject }, i) => {
    const outcome = outcomes[i];
    if (outcome?.ok === true) resolve(outcome.value);
    else reject(outcome?.error);
  });
}
