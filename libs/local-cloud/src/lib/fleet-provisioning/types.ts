import type { PreProvisioningHookInput } from '@iot-gateway-net/provisioning-templates';

/**
 * Calls the pre-provisioning hook a template names (on AWS: invokes the Lambda `targetArn`) and
 * resolves its raw answer, which RegisterThing validates.
 */
export type PreProvisioningHookInvoker = (
  targetArn: string,
  input: PreProvisioningHookInput,
) => Promise<unknown>;

/** Options of {@link createFleetProvisioning}. */
export interface FleetProvisioningOptions {
  /**
   * Runs templates' pre-provisioning hooks. Without it, RegisterThing on a template with a hook is
   * refused (ACCESS_DENIED): skipping a hook, usually an allowlist, would let anyone in.
   */
  invokeHook?: PreProvisioningHookInvoker;
  /** How long a hook may take before provisioning is refused. Defaults to `5_000` ms (AWS). */
  hookTimeoutMs?: number;
  /** How often expired ownership tokens and unregistered certificates are swept. Defaults to `60_000` ms. */
  sweepIntervalMs?: number;
}

/** The running fleet-provisioning service. */
export interface FleetProvisioning {
  /**
   * Runs the sweep now (expired tokens, certificates never registered within the hour).
   *
   * @returns the ids of the certificates deleted.
   */
  sweep(): string[];
  /** Removes the topic handlers and stops the sweep timer. */
  close(): Promise<void>;
}
