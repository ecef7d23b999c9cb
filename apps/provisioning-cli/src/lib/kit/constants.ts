import { DAEMON_INSTALL_PATHS } from '@iot-gateway-net/device';

/** Where technicians install a bundle on the robot: the device daemon's config directory. */
export const INSTALL_DIR = DAEMON_INSTALL_PATHS.configDir;

/** The daemon's state directory on the robot (the unit's systemd `StateDirectory`). */
export const DEFAULT_STATE_DIR = DAEMON_INSTALL_PATHS.stateDir;

/** File names inside a bundle. */
export const BUNDLE_FILES = {
  config: 'config.json',
  rootCa: 'root-ca.pem',
  unit: DAEMON_INSTALL_PATHS.unitName,
  readme: 'README.txt',
} as const;
