import {
  DetachPolicyCommand,
  ListAttachedPoliciesCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';

/** Detaches every policy attached to `target` (a certificate ARN) and returns their names. */
export async function detachAllPolicies(iot: IoTClient, target: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iot.send(new ListAttachedPoliciesCommand({ target, marker }));
    for (const policy of page.policies ?? []) {
      if (policy.policyName !== undefined) names.push(policy.policyName);
    }
    marker = page.nextMarker;
  } while (marker !== undefined && marker !== '');
  for (const policyName of names) {
    await iot.send(new DetachPolicyCommand({ policyName, target }));
  }
  return names;
}
