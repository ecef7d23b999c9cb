// Identity layer: configuration, credential store, provisioning by claim, rotation driver
// (design 2.4, 3.3, 7, 8)
export { DeviceError, type DeviceErrorCode } from './lib/errors/DeviceError.js';
export {
  ClockConfigSchema,
  ConnectionConfigSchema,
  DeviceConfigSchema,
  DeviceRotationConfigSchema,
  EndpointConfigSchema,
  PathsConfigSchema,
  ProvisioningConfigSchema,
  type DeviceConfig,
  type DeviceConfigInput,
} from './lib/config/schemas.js';
export { loadDeviceConfig } from './lib/config/loadDeviceConfig.js';
export { parseDeviceConfig } from './lib/config/parseDeviceConfig.js';
export { deviceRotationConfig } from './lib/config/deviceRotationConfig.js';
export { DEVICE_BUILD_TIME, TIMESYNC_FLAG_PATH } from './lib/clock/constants.js';
export { probeClockSynchronized } from './lib/clock/probeClockSynchronized.js';
export { createConsoleLogger } from './lib/log/createConsoleLogger.js';
export { createCredentialStore } from './lib/credentials/createCredentialStore.js';
export type {
  CredentialFiles,
  CredentialStore,
  CredentialStoreOptions,
  LoadedState,
} from './lib/credentials/types.js';
export { classifyConnectError } from './lib/identity/classifyConnectError.js';
export { reconnectDelay } from './lib/identity/reconnectDelay.js';
export {
  createIdentity,
  type Identity,
  type IdentityOptions,
  type IdentityStatus,
} from './lib/identity/createIdentity.js';
export {
  CLAIM_SLOT,
  startDevice,
  type DeviceHandle,
  type DeviceStatus,
  type StartDeviceOptions,
} from './lib/daemon/startDevice.js';
export type {
  DeviceClock,
  DeviceLogLevel,
  DeviceLogger,
  ProductionSession,
  ProductionWill,
  RobotRuntime,
} from './lib/runtime/types.js';

// Robot runtime, robot adapter, simulated robot and fleet helpers (heartbeat, status, LWT,
// shadow `robot`, commands; design 2.2, 3.4)
export type {
  CommandDecision,
  CommandOutcome,
  DesiredResult,
  RobotAdapter,
} from './lib/robot/types.js';
export {
  CallArgsSchema,
  DEFAULT_SIMULATED_SETTINGS,
  DEFAULT_SIMULATED_STATIONS,
  ROBOT_COMMAND_NAMES,
  RobotCommandSchema,
  RobotPositionSchema,
  RobotSnapshotSchema,
  RobotStateSchema,
  SimulatedRobotConfigSchema,
  SimulatedRobotSettingsSchema,
  type CallArgs,
  type RobotCommand,
  type RobotCommandName,
  type RobotPosition,
  type RobotSnapshot,
  type RobotState,
  type SimulatedRobotConfig,
  type SimulatedRobotSettings,
} from './lib/robot/schemas.js';
export {
  createSimulatedRobot,
  type SimulatedRobot,
  type SimulatedRobotOptions,
} from './lib/robot/createSimulatedRobot.js';
export {
  ROBOT_SHADOW_NAME,
  RobotRuntimeConfigSchema,
  type RobotRuntimeConfig,
} from './lib/runtime/constants.js';
export { createRobotRuntime, type RobotRuntimeOptions } from './lib/runtime/createRobotRuntime.js';
export { interpretCommand, type CommandInterpretation } from './lib/runtime/interpretCommand.js';
export {
  createFleetTicker,
  type FleetTicker,
  type FleetTickerOptions,
} from './lib/fleet/createFleetTicker.js';
export { createSeededRandom } from './lib/fleet/createSeededRandom.js';
export {
  createSimulatedAmr,
  type SimulatedAmr,
  type SimulatedAmrOptions,
} from './lib/fleet/createSimulatedAmr.js';

// Simulator mode (lead): N simulated AMRs in one process
export {
  startSimulatedFleet,
  type SimulatedFleet,
  type SimulatedFleetMember,
  type SimulatedFleetOptions,
} from './lib/simulator/startSimulatedFleet.js';

// Installation on a robot (lead): one systemd unit for the packaged install and kitted bundles
export {
  DAEMON_INSTALL_PATHS,
  DAEMON_NODE_OPTIONS,
  systemdUnit,
} from './lib/daemon/systemdUnit.js';
