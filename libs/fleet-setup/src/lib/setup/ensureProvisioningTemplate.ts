import {
  CreateProvisioningTemplateCommand,
  CreateProvisioningTemplateVersionCommand,
  DeleteProvisioningTemplateVersionCommand,
  DescribeProvisioningTemplateCommand,
  ListProvisioningTemplateVersionsCommand,
  UpdateProvisioningTemplateCommand,
  type IoTClient,
  type ProvisioningTemplateVersionSummary,
  type UpdateProvisioningTemplateCommandInput,
} from '@aws-sdk/client-iot';
import { awsCall } from '../aws/awsCall.js';
import { awsErrorName } from '../aws/awsErrorName.js';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { jsonEqual } from '../json/jsonEqual.js';
import { parseJsonText } from '../json/parseJsonText.js';
import { MAX_VERSIONS, PRE_PROVISIONING_HOOK_PAYLOAD_VERSION } from './constants.js';
import type { FleetResourceChange } from './schemas.js';

/** The wanted state of one fleet-provisioning template. */
export interface WantedProvisioningTemplate {
  readonly templateName: string;
  readonly templateBody: string;
  readonly provisioningRoleArn: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly preProvisioningHookArn?: string | undefined;
  /** Without `preProvisioningHookArn`, leave an existing hook in place instead of removing it. */
  readonly keepExistingPreProvisioningHook?: boolean;
}

/**
 * Makes the fleet-provisioning template `wanted.templateName` match `wanted`: creates it when
 * missing; when its default version's body differs (compared as parsed JSON), adds a version set as
 * default (CreateProvisioningTemplateVersion), first deleting the oldest non-default version when
 * the template already has five; when description, enabled, role or pre-provisioning hook differ,
 * updates them (UpdateProvisioningTemplate, `removePreProvisioningHook` when the hook is no longer
 * wanted, unless `keepExistingPreProvisioningHook`).
 *
 * @throws {FleetSetupError} `AWS_ERROR` for any failing call; `CONFLICT` when a template of another
 *   type (JITP) holds the name.
 */
export async function ensureProvisioningTemplate(
  iot: IoTClient,
  wanted: WantedProvisioningTemplate,
): Promise<FleetResourceChange> {
  const { templateName } = wanted;
  const hook =
    wanted.preProvisioningHookArn === undefined
      ? undefined
      : {
          targetArn: wanted.preProvisioningHookArn,
          payloadVersion: PRE_PROVISIONING_HOOK_PAYLOAD_VERSION,
        };
  const existing = await describeTemplate(iot, templateName);
  if (existing === undefined) {
    const created = await awsCall('CreateProvisioningTemplate', () =>
      iot.send(
        new CreateProvisioningTemplateCommand({
          templateName,
          templateBody: wanted.templateBody,
          provisioningRoleArn: wanted.provisioningRoleArn,
          description: wanted.description,
          enabled: wanted.enabled,
          type: 'FLEET_PROVISIONING',
          ...(hook === undefined ? {} : { preProvisioningHook: hook }),
        }),
      ),
    );
    return {
      kind: 'provisioningTemplate',
      name: templateName,
      arn: created.templateArn,
      action: 'created',
    };
  }
  if (existing.type !== undefined && existing.type !== 'FLEET_PROVISIONING') {
    throw new FleetSetupError(
      'CONFLICT',
      `Provisioning template "${templateName}" has type "${existing.type}", expected "FLEET_PROVISIONING"`,
    );
  }

  const changes: string[] = [];
  if (!jsonEqual(parseJsonText(existing.templateBody), parseJsonText(wanted.templateBody))) {
    const deleted = await makeRoomForVersion(iot, templateName);
    const version = await awsCall('CreateProvisioningTemplateVersion', () =>
      iot.send(
        new CreateProvisioningTemplateVersionCommand({
          templateName,
          templateBody: wanted.templateBody,
          setAsDefault: true,
        }),
      ),
    );
    changes.push(
      `templateBody: version ${version.versionId ?? '?'} is the default` +
        ` (was ${existing.defaultVersionId ?? '?'})` +
        (deleted === undefined ? '' : `; deleted the oldest version ${deleted}`),
    );
  }

  const update: Omit<UpdateProvisioningTemplateCommandInput, 'templateName'> = {};
  if ((existing.description ?? '') !== wanted.description) {
    update.description = wanted.description;
  }
  if (existing.enabled !== wanted.enabled) update.enabled = wanted.enabled;
  if (existing.provisioningRoleArn !== wanted.provisioningRoleArn) {
    update.provisioningRoleArn = wanted.provisioningRoleArn;
  }
  const existingHook = existing.preProvisioningHook;
  if (hook === undefined) {
    if (existingHook !== undefined && wanted.keepExistingPreProvisioningHook !== true) {
      update.removePreProvisioningHook = true;
    }
  } else if (
    existingHook?.targetArn !== hook.targetArn ||
    (existingHook.payloadVersion ?? PRE_PROVISIONING_HOOK_PAYLOAD_VERSION) !== hook.payloadVersion
  ) {
    update.preProvisioningHook = hook;
  }
  const updatedFields = Object.keys(update).map((key) =>
    key === 'removePreProvisioningHook' ? 'preProvisioningHook (removed)' : key,
  );
  if (updatedFields.length > 0) {
    await awsCall('UpdateProvisioningTemplate', () =>
      iot.send(new UpdateProvisioningTemplateCommand({ templateName, ...update })),
    );
    changes.push(...updatedFields);
  }

  return {
    kind: 'provisioningTemplate',
    name: templateName,
    arn: existing.templateArn,
    action: changes.length === 0 ? 'unchanged' : 'updated',
    ...(changes.length === 0 ? {} : { detail: changes.join('; ') }),
  };
}

async function describeTemplate(iot: IoTClient, templateName: string) {
  try {
    return await awsCall('DescribeProvisioningTemplate', () =>
      iot.send(new DescribeProvisioningTemplateCommand({ templateName })),
    );
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Deletes the oldest non-default version when the template is at the limit; returns its id. */
async function makeRoomForVersion(
  iot: IoTClient,
  templateName: string,
): Promise<number | undefined> {
  const versions: ProvisioningTemplateVersionSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall('ListProvisioningTemplateVersions', () =>
      iot.send(new ListProvisioningTemplateVersionsCommand({ templateName, nextToken })),
    );
    versions.push(...(page.versions ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
  if (versions.length < MAX_VERSIONS) return undefined;
  const oldest = versions
    .filter((v) => v.isDefaultVersion !== true && v.versionId !== undefined)
    .sort((a, b) => (a.versionId ?? 0) - (b.versionId ?? 0))[0];
  const versionId = oldest?.versionId;
  if (versionId === undefined) return undefined;
  await awsCall('DeleteProvisioningTemplateVersion', () =>
    iot.send(new DeleteProvisioningTemplateVersionCommand({ templateName, versionId })),
  );
  return versionId;
}
