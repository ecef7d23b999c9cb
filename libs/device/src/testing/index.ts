// `@iot-gateway-net/device/testing`: helpers for the integration specs of the device-daemon app.
export { createTestClock, type TestClock } from './createTestClock.js';
export { spawnDaemon, type DaemonLogLine, type SpawnedDaemon } from './spawnDaemon.js';
export {
  startTestFleet,
  type PreProvisioningHookInterceptor,
  type TestFleet,
} from './startTestFleet.js';
