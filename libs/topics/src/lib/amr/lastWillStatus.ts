import { assertThingName } from '../names/assertThingName.js';
import type { AmrStatus } from './schemas.js';

/**
 * The AmrStatus a robot registers as its MQTT Last Will on `amr/<thingName>/status` (retained,
 * QoS 1): `online: false`, `state: 'offline'`. A Will is fixed at CONNECT time, so `updatedAt` is
 * the moment of connecting, not of the drop; receivers needing the drop time use the lifecycle
 * `disconnected` event.
 *
 * @param connectedAt epoch milliseconds of the CONNECT (injected clock).
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function lastWillStatus(thingName: string, connectedAt: number): AmrStatus {
  assertThingName(thingName);
  return { thingName, online: false, state: 'offline', updatedAt: connectedAt };
}
