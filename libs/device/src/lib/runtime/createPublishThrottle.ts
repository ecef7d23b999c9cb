import type { DeviceClock } from './types.js';

/** A rate limiter for one kind of publish (see {@link createPublishThrottle}). */
export interface PublishThrottle {
  /**
   * Asks for a publish. `urgent` (state or mission changed) publishes once `urgentMinIntervalMs`
   * has passed since the last one; otherwise once `minIntervalMs` has. Requests in between fold
   * into one trailing publish, which sends whatever is current by then.
   */
  request(urgent: boolean): void;
  /** Publishes now and restarts the interval (used on connect). */
  flush(): void;
  /**
   * Publishes a pending trailing publish now, if there is one (an operator is waiting for it:
   * the status that answers a command must not sit out the interval). Nothing pending: nothing.
   */
  hurry(): void;
  /** Drops a pending publish. */
  cancel(): void;
}

/**
 * Rate-limits a publish: at most one per `minIntervalMs` for minor changes (battery, position),
 * one per `urgentMinIntervalMs` for important ones, with a trailing publish so the last value is
 * never lost. One timer at most, only while a publish is pending.
 */
export function createPublishThrottle(options: {
  clock: DeviceClock;
  minIntervalMs: number;
  urgentMinIntervalMs: number;
  publish: () => void;
}): PublishThrottle {
  const { clock, publish } = options;
  let lastAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = Number.POSITIVE_INFINITY;

  const cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    dueAt = Number.POSITIVE_INFINITY;
  };
  const flush = (): void => {
    cancel();
    lastAt = clock.now();
    publish();
  };

  return {
    request(urgent) {
      const due = lastAt + (urgent ? options.urgentMinIntervalMs : options.minIntervalMs);
      if (due >= dueAt) return;
      const now = clock.now();
      if (due <= now) {
        flush();
        return;
      }
      cancel();
      dueAt = due;
      timer = setTimeout(flush, due - now);
    },
    flush,
    hurry() {
      if (timer !== undefined) flush();
    },
    cancel,
  };
}
