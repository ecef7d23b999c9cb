import { Aedes } from 'aedes';
import { aedesInternals } from './aedesInternals.js';
import { guardEmitterRecursion } from './guardEmitterRecursion.js';

type Callback = () => void;

/**
 * Aedes' router with its concurrency limit taken by `held` deliveries that wait, then `queued`
 * messages to a topic nobody listens to (each completes synchronously) queued behind them.
 */
async function burst(guard: boolean, queued: number) {
  const aedes = await Aedes.createBroker({ concurrency: 10 });
  const { mq } = aedesInternals(aedes);
  if (guard) guardEmitterRecursion(mq);
  const waiting: Callback[] = [];
  mq.on('held', (_message: unknown, done: Callback) => void waiting.push(done));
  let delivered = 0;
  for (let i = 0; i < 10; i++) mq.emit({ topic: 'held' }, () => undefined);
  for (let i = 0; i < queued; i++) mq.emit({ topic: 'nobody' }, () => void (delivered += 1));
  return {
    release: () => waiting.splice(0).forEach((done) => done()),
    delivered: () => delivered,
    close: () => new Promise<void>((resolve) => aedes.close(() => resolve())),
  };
}

describe('guardEmitterRecursion', () => {
  it('reproduces mqemitter#204 without the guard: draining a long queue overflows the stack', async () => {
    const router = await burst(false, 20_000);
    expect(router.release).toThrow(RangeError);
    await router.close();
  });

  it('drains the same queue with the guard, every message delivered once', async () => {
    const router = await burst(true, 20_000);
    router.release();
    await new Promise<void>((resolve) => {
      const poll = (): void => {
        if (router.delivered() >= 20_000) resolve();
        else setImmediate(poll);
      };
      poll();
    });
    expect(router.delivered()).toBe(20_000);
    await router.close();
  });
});
