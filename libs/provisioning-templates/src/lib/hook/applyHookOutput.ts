import { describeValue } from '../internal/describeValue.js';
import { PreProvisioningHookOutputSchema } from './schemas.js';

/** The outcome of a pre-provisioning hook: the parameters to evaluate with, or why it was denied. */
export type HookDecision =
  | { readonly allow: true; readonly parameters: Record<string, string> }
  | { readonly allow: false; readonly reason: string };

/**
 * Applies a pre-provisioning hook's answer to the RegisterThing parameters (AWS IoT Developer
 * Guide, "Pre-provisioning hooks"): `parameterOverrides` are merged over `parameters` (an override
 * wins), and anything but `allowProvisioning: true` denies; AWS then rejects RegisterThing with
 * `ACCESS_DENIED`. An answer that does not match {@link PreProvisioningHookOutputSchema} denies
 * too, as a failed Lambda does. `parameters` is not modified.
 *
 * @returns `{ allow: true, parameters }` with the merged parameters, or `{ allow: false, reason }`
 *   with a one-line reason for logs.
 */
export function applyHookOutput(
  parameters: Readonly<Record<string, string>>,
  output: unknown,
): HookDecision {
  const result = PreProvisioningHookOutputSchema.safeParse(output);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where =
      issue === undefined || issue.path.length === 0 ? 'output' : issue.path.map(String).join('.');
    return {
      allow: false,
      reason: `Pre-provisioning hook answered an invalid output (${where}: ${issue?.message ?? 'invalid'}), expected {"allowProvisioning": boolean, "parameterOverrides"?: {string: string}}`,
    };
  }
  if (result.data.allowProvisioning !== true) {
    return {
      allow: false,
      reason: `Pre-provisioning hook denied provisioning: allowProvisioning is ${describeValue(result.data.allowProvisioning)}, expected true`,
    };
  }
  const merged: Record<string, string> = {};
  for (const source of [parameters, result.data.parameterOverrides ?? {}]) {
    for (const [key, value] of Object.entries(source)) {
      Object.defineProperty(merged, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return { allow: true, parameters: merged };
}
