import { createSerialQueue } from './createSerialQueue.js';

function deferred<T>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: Error) => void;
} {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSerialQueue', () => {
  it('runs tasks of one key one after the other, even after a rejection', async () => {
    const queue = createSerialQueue();
    const started: string[] = [];
    const first = deferred<string>();
    const a = queue.run('k', () => {
      started.push('a');
      return first.promise;
    });
    const b = queue.run('k', () => {
      started.push('b');
      return Promise.resolve('b');
    });
    await Promise.resolve();
    expect(started).toEqual(['a']);
    first.reject(new Error('a failed'));
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe('b');
    expect(started).toEqual(['a', 'b']);
  });

  it('runs tasks of different keys concurrently', async () => {
    const queue = createSerialQueue();
    const started: string[] = [];
    const blocker = deferred<void>();
    void queue.run('x', () => {
      started.push('x');
      return blocker.promise;
    });
    const y = queue.run('y', () => {
      started.push('y');
      return Promise.resolve();
    });
    await y;
    expect(started).toEqual(['x', 'y']);
    blocker.resolve();
  });
});
