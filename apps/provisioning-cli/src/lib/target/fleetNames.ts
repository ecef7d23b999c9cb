import { FLEET_SETUP_DEFAULTS } from '@iot-gateway-net/fleet-setup';
import type { GlobalOptions } from './schemas.js';

/** The fleet's resource names: global options over `FLEET_SETUP_DEFAULTS`. */
export interface FleetNames {
  readonly templateName: string;
  readonly productionPolicyName: string;
  readonly claimPolicyName: string;
  /** Things are named `thingNamePrefix + serial`. */
  readonly thingNamePrefix: string;
}

/** Resolves the fleet names from `--template-name`, `--production-policy-name`, ... */
export function fleetNames(globals: GlobalOptions): FleetNames {
  return {
    templateName: globals.templateName ?? FLEET_SETUP_DEFAULTS.templateName,
    productionPolicyName: globals.productionPolicyName ?? FLEET_SETUP_DEFAULTS.productionPolicyName,
    claimPolicyName: globals.claimPolicyName ?? FLEET_SETUP_DEFAULTS.claimPolicyName,
    thingNamePrefix: globals.thingNamePrefix ?? FLEET_SETUP_DEFAULTS.thingNamePrefix,
  };
}
