import { createKeyedQueue } from './createKeyedQueue.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createKeyedQueue', () => {
  it('runs tasks of one key one after another, in order', async () => {
    const queue = createKeyedQueue();
    const first = deferred();
    const order: string[] = [];
    const a = queue.run('k', async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
      return 'a';
    });
    const b = queue.run('k', () => {
      order.push('b');
      return Promise.resolve('b');
    });
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    first.resolve();
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('runs tasks of different keys concurrently', async () => {
    const queue = createKeyedQueue();
    const blocked = deferred();
    const started: string[] = [];
    void queue.run('x', async () => {
      started.push('x');
      await blocked.promise;
    });
    await queue.run('y', () => {
      started.push('y');
      return Promise.resolve();
    });
    expect(started).toEqual(['x', 'y']);
    blocked.resolve();
    await queue.drain();
  });

  it('keeps going after a failing task and forgets idle keys', async () => {
    const queue = createKeyedQueue();
    const failing = queue.run('k', () => Promise.reject(new Error('boom')));
    const next = queue.run('k', () => Promise.resolve(2));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(2);
    await queue.drain();
    expect(queue.size).toBe(0);
  });

  it('drain waits for every queued task, including ones queued while draining', async () => {
    const queue = createKeyedQueue();
    const gate = deferred();
    let done = 0;
    void queue.run('a', async () => {
      await gate.promise;
      void queue.run('b', () => {
        done++;
        return Promise.resolve();
      });
      done++;
    });
    const drained = queue.drain();
    gate.resolve();
    await drained;
    expect(done).toBe(2);
  });
});
