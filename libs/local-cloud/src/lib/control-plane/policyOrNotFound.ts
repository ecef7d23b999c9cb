import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { PolicyRecord } from '../registry/types.js';

/**
 * The policy named `policyName`.
 *
 * @throws {LocalCloudError} `NOT_FOUND` (ResourceNotFoundException).
 */
export function policyOrNotFound(ctx: CloudContext, policyName: string): PolicyRecord {
  const policy = ctx.registry.getPolicy(policyName);
  if (!policy) throw new LocalCloudError('NOT_FOUND', `Policy ${policyName} does not exist`);
  return policy;
}
