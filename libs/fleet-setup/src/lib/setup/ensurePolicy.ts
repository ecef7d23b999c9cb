import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  ListPolicyVersionsCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import type { PolicyDocument } from '@iot-gateway-net/policy';
import { awsCall } from '../aws/awsCall.js';
import { awsErrorName } from '../aws/awsErrorName.js';
import { jsonEqual } from '../json/jsonEqual.js';
import { parseJsonText } from '../json/parseJsonText.js';
import { MAX_VERSIONS } from './constants.js';
import type { FleetResourceChange } from './schemas.js';

/**
 * Makes the AWS IoT policy `policyName` hold `document` as its default version: creates the policy
 * when missing; when its default version differs (compared as parsed JSON), adds a version and sets
 * it as default, first deleting the oldest non-default version when the policy already has five
 * (CreatePolicyVersion: "If the policy has five versions, you must use DeletePolicyVersion").
 *
 * @throws {FleetSetupError} `AWS_ERROR` for any failing call.
 */
export async function ensurePolicy(
  iot: IoTClient,
  policyName: string,
  document: PolicyDocument,
): Promise<FleetResourceChange> {
  const existing = await getPolicy(iot, policyName);
  const policyDocument = JSON.stringify(document);
  if (existing === undefined) {
    const created = await awsCall('CreatePolicy', () =>
      iot.send(new CreatePolicyCommand({ policyName, policyDocument })),
    );
    return { kind: 'policy', name: policyName, arn: created.policyArn, action: 'created' };
  }
  const arn = existing.policyArn;
  const wanted = parseJsonText(policyDocument);
  if (jsonEqual(parseJsonText(existing.policyDocument), wanted)) {
    return { kind: 'policy', name: policyName, arn, action: 'unchanged' };
  }
  const deleted = await makeRoomForVersion(iot, policyName);
  const version = await awsCall('CreatePolicyVersion', () =>
    iot.send(new CreatePolicyVersionCommand({ policyName, policyDocument, setAsDefault: true })),
  );
  const detail =
    `document changed: version ${version.policyVersionId ?? '?'} is the default` +
    ` (was ${existing.defaultVersionId ?? '?'})` +
    (deleted === undefined ? '' : `; deleted the oldest version ${deleted}`);
  return { kind: 'policy', name: policyName, arn, action: 'updated', detail };
}

async function getPolicy(iot: IoTClient, policyName: string) {
  try {
    return await awsCall('GetPolicy', () => iot.send(new GetPolicyCommand({ policyName })));
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Deletes the oldest non-default version when the policy is at the limit; returns its id. */
async function makeRoomForVersion(iot: IoTClient, policyName: string): Promise<string | undefined> {
  const { policyVersions = [] } = await awsCall('ListPolicyVersions', () =>
    iot.send(new ListPolicyVersionsCommand({ policyName })),
  );
  if (policyVersions.length < MAX_VERSIONS) return undefined;
  const oldest = policyVersions
    .filter((v) => v.isDefaultVersion !== true && v.versionId !== undefined)
    .sort(
      (a, b) =>
        (a.createDate?.getTime() ?? 0) - (b.createDate?.getTime() ?? 0) ||
        Number(a.versionId) - Number(b.versionId),
    )[0];
  const policyVersionId = oldest?.versionId;
  if (policyVersionId === undefined) return undefined;
  await awsCall('DeletePolicyVersion', () =>
    iot.send(new DeletePolicyVersionCommand({ policyName, policyVersionId })),
  );
  return policyVersionId;
}
