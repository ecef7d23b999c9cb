import { randomUUID } from 'node:crypto';
import { TEMPLATE_NAME_PATTERN } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { decodePageToken } from './decodePageToken.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { PreProvisioningHookRecord, ProvisioningTemplateRecord, Registry } from './types.js';

interface TemplateRow {
  template_name: string;
  template_id: string;
  description: string | null;
  enabled: number;
  provisioning_role_arn: string;
  pre_provisioning_hook: string | null;
  template_type: ProvisioningTemplateRecord['type'];
  default_version_id: number;
  last_version_id: number;
  creation_date: number;
  last_modified_date: number;
}

interface VersionRow {
  template_name: string;
  version_id: number;
  body: string;
  creation_date: number;
}

const TemplateTokenSchema = z.tuple([z.string()]);
const HookSchema = z.object({ targetArn: z.string(), payloadVersion: z.string() });

/** The provisioning-template methods of the registry (Create/Describe/List/Update/DeleteProvisioningTemplate). */
export function provisioningTemplateMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  | 'createProvisioningTemplate'
  | 'getProvisioningTemplate'
  | 'listProvisioningTemplates'
  | 'updateProvisioningTemplate'
  | 'deleteProvisioningTemplate'
> {
  const { db, tx } = env;
  const select = db.prepare<[string], TemplateRow>(
    'SELECT * FROM provisioning_templates WHERE template_name = ?',
  );
  const versionsOf = db.prepare<[string], VersionRow>(
    'SELECT * FROM provisioning_template_versions WHERE template_name = ? ORDER BY version_id',
  );
  const insertTemplate = db.prepare<[TemplateRow]>(
    `INSERT INTO provisioning_templates (template_name, template_id, description, enabled,
       provisioning_role_arn, pre_provisioning_hook, template_type, default_version_id,
       last_version_id, creation_date, last_modified_date)
     VALUES (@template_name, @template_id, @description, @enabled, @provisioning_role_arn,
       @pre_provisioning_hook, @template_type, @default_version_id, @last_version_id,
       @creation_date, @last_modified_date)`,
  );
  const updateTemplate = db.prepare<[TemplateRow]>(
    `UPDATE provisioning_templates SET description = @description, enabled = @enabled,
       provisioning_role_arn = @provisioning_role_arn,
       pre_provisioning_hook = @pre_provisioning_hook,
       default_version_id = @default_version_id, last_version_id = @last_version_id,
       last_modified_date = @last_modified_date
     WHERE template_name = @template_name`,
  );
  const insertVersion = db.prepare<[VersionRow]>(
    `INSERT INTO provisioning_template_versions (template_name, version_id, body, creation_date)
     VALUES (@template_name, @version_id, @body, @creation_date)`,
  );
  const remove = db.prepare<[string]>('DELETE FROM provisioning_templates WHERE template_name = ?');
  const list = db.prepare<[{ after: string | null; limit: number }], TemplateRow>(
    `SELECT * FROM provisioning_templates WHERE @after IS NULL OR template_name > @after
     ORDER BY template_name LIMIT @limit`,
  );

  const arn = (name: string) =>
    `arn:aws:iot:${env.region}:${env.accountId}:provisioningtemplate/${name}`;

  const toRecord = (row: TemplateRow): ProvisioningTemplateRecord => {
    const versions = versionsOf.all(row.template_name).map((v) => ({
      versionId: v.version_id,
      body: v.body,
      isDefaultVersion: v.version_id === row.default_version_id,
      creationDate: v.creation_date,
    }));
    const hook =
      row.pre_provisioning_hook === null
        ? undefined
        : HookSchema.parse(JSON.parse(row.pre_provisioning_hook));
    return {
      templateName: row.template_name,
      templateArn: arn(row.template_name),
      ...(row.description === null ? {} : { description: row.description }),
      enabled: row.enabled === 1,
      provisioningRoleArn: row.provisioning_role_arn,
      ...(hook === undefined ? {} : { preProvisioningHook: hook }),
      type: row.template_type,
      defaultVersionId: row.default_version_id,
      templateBody: versions.find((v) => v.isDefaultVersion)?.body ?? '',
      versions,
      creationDate: row.creation_date,
      lastModifiedDate: row.last_modified_date,
    };
  };

  const mustGet = (templateName: string): TemplateRow => {
    const row = select.get(templateName);
    if (!row) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `The provisioning template "${templateName}" does not exist`,
      );
    }
    return row;
  };

  const hookText = (hook: PreProvisioningHookRecord | undefined): string | null =>
    hook === undefined
      ? null
      : JSON.stringify({ targetArn: hook.targetArn, payloadVersion: hook.payloadVersion });

  return {
    createProvisioningTemplate(input) {
      if (!TEMPLATE_NAME_PATTERN.test(input.templateName)) {
        throw new LocalCloudError(
          'INVALID_REQUEST',
          `Unexpected template name ${JSON.stringify(input.templateName)}, expected [0-9A-Za-z_-]{1,36}`,
        );
      }
      return tx(() => {
        if (select.get(input.templateName)) {
          throw new LocalCloudError(
            'ALREADY_EXISTS',
            `The provisioning template "${input.templateName}" already exists`,
          );
        }
        const now = env.clock.now();
        const row: TemplateRow = {
          template_name: input.templateName,
          template_id: randomUUID(),
          description: input.description ?? null,
          // CreateProvisioningTemplate `enabled`: "True to enable the provisioning template,
          // otherwise false" — absent means false.
          enabled: input.enabled === true ? 1 : 0,
          provisioning_role_arn: input.provisioningRoleArn,
          pre_provisioning_hook: hookText(input.preProvisioningHook),
          template_type: input.type ?? 'FLEET_PROVISIONING',
          default_version_id: 1,
          last_version_id: 1,
          creation_date: now,
          last_modified_date: now,
        };
        insertTemplate.run(row);
        insertVersion.run({
          template_name: row.template_name,
          version_id: 1,
          body: input.templateBody,
          creation_date: now,
        });
        return toRecord(row);
      });
    },

    getProvisioningTemplate(templateName) {
      const row = select.get(templateName);
      return row ? toRecord(row) : undefined;
    },

    listProvisioningTemplates(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined
          ? null
          : decodePageToken(query.nextToken, TemplateTokenSchema)[0];
      const rows = list.all({ after, limit: size + 1 });
      return toPage(rows, size, toRecord, (row) => [row.template_name]);
    },

    updateProvisioningTemplate(templateName, patch) {
      return tx(() => {
        const row = mustGet(templateName);
        if (
          patch.defaultVersionId !== undefined &&
          !versionsOf.all(templateName).some((v) => v.version_id === patch.defaultVersionId)
        ) {
          throw new LocalCloudError(
            'NOT_FOUND',
            `Version ${patch.defaultVersionId} of the provisioning template "${templateName}" does not exist`,
          );
        }
        if (patch.preProvisioningHook !== undefined && patch.removePreProvisioningHook) {
          throw new LocalCloudError(
            'INVALID_REQUEST',
            'Unexpected preProvisioningHook together with removePreProvisioningHook, expected one of them',
          );
        }
        const next: TemplateRow = {
          ...row,
          ...(patch.description === undefined ? {} : { description: patch.description }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.provisioningRoleArn === undefined
            ? {}
            : { provisioning_role_arn: patch.provisioningRoleArn }),
          ...(patch.preProvisioningHook === undefined
            ? {}
            : { pre_provisioning_hook: hookText(patch.preProvisioningHook) }),
          ...(patch.removePreProvisioningHook ? { pre_provisioning_hook: null } : {}),
          ...(patch.defaultVersionId === undefined
            ? {}
            : { default_version_id: patch.defaultVersionId }),
          last_modified_date: env.clock.now(),
        };
        updateTemplate.run(next);
        return toRecord(next);
      });
    },

    deleteProvisioningTemplate(templateName) {
      tx(() => {
        mustGet(templateName);
        remove.run(templateName);
      });
    },
  };
}
