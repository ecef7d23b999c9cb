/** Runs tasks one after another per key; see {@link createKeyedQueue}. */
export interface KeyedQueue {
  /**
   * Runs `task` once every task queued earlier under `key` has settled, and settles as it does.
   * Tasks under different keys run concurrently.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when every task queued so far has settled. */
  drain(): Promise<void>;
  /** Keys that still have a task queued or running. */
  readonly size: number;
}

const ignore = (): void => undefined;

/**
 * Creates a {@link KeyedQueue}: one promise chain per key, dropped when its last task settles, so
 * an idle queue holds nothing. A failing task does not stop the tasks queued after it.
 */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(ignore, ignore);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    async drain(): Promise<void> {
      while (tails.size > 0) {
        await Promise.all(tails.values());
      }
    },
    get size(): number {
      return tails.size;
    },
  };
}
