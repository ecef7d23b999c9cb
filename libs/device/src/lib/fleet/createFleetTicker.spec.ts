import { DeviceError } from '../errors/DeviceError.js';
import { createFleetTicker } from './createFleetTicker.js';
import { createSeededRandom } from './createSeededRandom.js';

describe('createFleetTicker', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs every task on one timer that exists only while tasks do, and survives a throwing task', () => {
    jest.useFakeTimers();
    const errors: unknown[] = [];
    const ticker = createFleetTicker({ intervalMs: 500, onError: (error) => errors.push(error) });
    const runs: string[] = [];
    const removeA = ticker.add(() => runs.push('a'));
    ticker.add(() => {
      throw new Error('boom');
    });
    ticker.add(() => runs.push('c'));
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect(runs).toEqual(['a', 'c', 'a', 'c']);
    expect(errors).toHaveLength(2);
    removeA();
    ticker.tick();
    expect(runs).toEqual(['a', 'c', 'a', 'c', 'c']);
    ticker.close();
    expect(ticker.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('spreads the tasks over its slots: each runs once per period, at its own offset', () => {
    jest.useFakeTimers();
    const ticker = createFleetTicker({ intervalMs: 1_000, slots: 4 });
    const runs: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) ticker.add(() => runs.push(name));
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(250);
    expect(runs).toEqual(['a', 'e']);
    jest.advanceTimersByTime(750);
    expect(runs).toEqual(['a', 'e', 'b', 'c', 'd']);
    jest.advanceTimersByTime(1_000);
    expect(runs.filter((name) => name === 'a')).toHaveLength(2);
    expect(runs).toHaveLength(10);
    runs.length = 0;
    ticker.tick();
    expect(runs.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    ticker.close();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('refuses a non-positive interval or slot count', () => {
    expect(() => createFleetTicker({ slots: 0 })).toThrow(
      'Unexpected slots 0, expected a positive integer',
    );
    expect(() => createFleetTicker({ slots: 1.5 })).toThrow(DeviceError);
    expect(() => createFleetTicker({ intervalMs: 0 })).toThrow(DeviceError);
    expect(() => createFleetTicker({ intervalMs: 0 })).toThrow(
      'Unexpected intervalMs 0, expected a positive number of milliseconds',
    );
  });
});

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = createSeededRandom(3);
    const b = createSeededRandom(3);
    const values = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(createSeededRandom(4)()).not.toBe(values[0]);
  });
});
