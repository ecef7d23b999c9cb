import type { EventEmitter } from 'node:events';

/**
 * Resolves with the arguments of the next `event` of `source`, or rejects after `timeoutMs`
 * (defaults to `5000`) naming the event.
 */
export function nextEvent(source: object, event: string, timeoutMs = 5000): Promise<unknown[]> {
  // MQTT.js clients are typed emitters; specs also wait on events they emit themselves.
  const emitter = source as EventEmitter;
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      clearTimeout(timer);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`No "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.once(event, listener);
  });
}
