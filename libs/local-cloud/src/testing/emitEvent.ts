import type { EventEmitter } from 'node:events';

/** Emits `event` on `target` (an MQTT.js client in specs), which the typed emitters do not allow. */
export function emitEvent(target: object, event: string, ...args: unknown[]): void {
  (target as EventEmitter).emit(event, ...args);
}
