import type { PreProvisioningHookInput } from '@iot-gateway-net/provisioning-templates';
import type { PreProvisioningHookInvoker } from './types.js';

/**
 * Resolves a template's hook `targetArn` to what runs it locally: a function registered under that
 * ARN (the cloud function AWS would invoke as a Lambda), or, for an `http://`/`https://` target, a
 * JSON POST whose JSON answer is the hook's output. An unknown target fails, so provisioning is
 * refused rather than allowed without its check. RegisterThing enforces the time limit.
 */
export function createHookInvoker(
  functions: Readonly<Record<string, (input: PreProvisioningHookInput) => Promise<unknown>>>,
): PreProvisioningHookInvoker {
  return async (targetArn, input) => {
    if (/^https?:\/\//.test(targetArn)) {
      const response = await fetch(targetArn, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
        // Stop waiting for a hook RegisterThing has given up on.
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status} from the hook`);
      const output: unknown = await response.json();
      return output;
    }
    const run = functions[targetArn];
    if (run === undefined) {
      throw new Error(`no local function is registered for ${targetArn}`);
    }
    return run(input);
  };
}
