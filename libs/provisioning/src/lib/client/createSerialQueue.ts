/** Runs tasks one at a time per key, in call order. */
export interface SerialQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

const ignore = (): void => undefined;

/**
 * A per-key FIFO: a task starts once every earlier task with the same key has settled, whether it
 * resolved or rejected. Tasks with different keys run concurrently.
 */
export function createSerialQueue(): SerialQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(ignore, ignore);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) {
          tails.delete(key);
        }
      });
      return result;
    },
  };
}
