import { randomUUID } from 'node:crypto';
import { TEMPLATE_NAME_PATTERN } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { decodePageToken } from './decodePageToken.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type {
  ExpiredProvisioningClaim,
  PreProvisioningHookRecord,
  ProvisioningTemplateRecord,
  ProvisioningTemplateVersionRecord,
  Registry,
} from './types.js';

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

interface ClaimRow {
  certificate_id: string;
  expires_at: number;
}

const TemplateTokenSchema = z.tuple([z.string()]);
const VersionTokenSchema = z.tuple([z.number().int()]);

/**
 * Versions one template may have: 5 (AWS General Reference, "AWS IoT Core endpoints and quotas",
 * fleet provisioning; CreateProvisioningTemplateVersion declares VersionsLimitExceededException for
 * going beyond it).
 */
const MAX_TEMPLATE_VERSIONS = 5;
/** Expired claims returned per call unless asked otherwise. */
const DEFAULT_CLAIM_BATCH = 100;
const HookSchema = z.object({ targetArn: z.string(), payloadVersion: z.string() });

/**
 * The provisioning-template methods of the registry: Create/Describe/List/Update/Delete
 * ProvisioningTemplate, the template versions, and the expired trusted-user claims
 * (CreateProvisioningClaim certificates) the sweep removes.
 */
export function provisioningTemplateMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  | 'createProvisioningTemplate'
  | 'getProvisioningTemplate'
  | 'listProvisioningTemplates'
  | 'updateProvisioningTemplate'
  | 'deleteProvisioningTemplate'
  | 'createProvisioningTemplateVersion'
  | 'getProvisioningTemplateVersion'
  | 'listProvisioningTemplateVersions'
  | 'deleteProvisioningTemplateVersion'
  | 'listExpiredProvisioningClaims'
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
  const selectVersion = db.prepare<[string, number], VersionRow>(
    'SELECT * FROM provisioning_template_versions WHERE template_name = ? AND version_id = ?',
  );
  const countVersions = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM provisioning_template_versions WHERE template_name = ?',
  );
  const listVersions = db.prepare<
    [{ name: string; after: number | null; limit: number }],
    VersionRow
  >(
    `SELECT * FROM provisioning_template_versions
     WHERE template_name = @name AND (@after IS NULL OR version_id > @after)
     ORDER BY version_id LIMIT @limit`,
  );
  const removeVersion = db.prepare<[string, number]>(
    'DELETE FROM provisioning_template_versions WHERE template_name = ? AND version_id = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM provisioning_templates WHERE template_name = ?');
  // Served by the partial index certificates_provisioning_claims_by_expiry: only claims are read.
  const expiredClaims = db.prepare<
    [{ now: number; afterExpiry: number | null; afterId: string; limit: number }],
    ClaimRow
  >(
    `SELECT certificate_id, expires_at FROM certificates
     WHERE origin = 'provisioning-claim' AND expires_at <= @now
       AND (@afterExpiry IS NULL OR (expires_at, certificate_id) > (@afterExpiry, @afterId))
     ORDER BY expires_at, certificate_id LIMIT @limit`,
  );
  const list = db.prepare<[{ after: string | null; limit: number }], TemplateRow>(
    `SELECT * FROM provisioning_templates WHERE @after IS NULL OR template_name > @after
     ORDER BY template_name LIMIT @limit`,
  );

  const arn = (name: string) =>
    `arn:aws:iot:${env.region}:${env.accountId}:provisioningtemplate/${name}`;

  const toVersion = (
    v: VersionRow,
    defaultVersionId: number,
  ): ProvisioningTemplateVersionRecord => ({
    versionId: v.version_id,
    body: v.body,
    isDefaultVersion: v.version_id === defaultVersionId,
    creationDate: v.creation_date,
  });

  const toRecord = (row: TemplateRow): ProvisioningTemplateRecord => {
    const versions = versionsOf
      .all(row.template_name)
      .map((v) => toVersion(v, row.default_version_id));
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
          selectVersion.get(templateName, patch.defaultVersionId) === undefined
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

    createProvisioningTemplateVersion(templateName, input) {
      return tx(() => {
        const row = mustGet(templateName);
        const count = countVersions.get(templateName)?.n ?? 0;
        if (count >= MAX_TEMPLATE_VERSIONS) {
          throw new LocalCloudError(
            'LIMIT_EXCEEDED',
            `The provisioning template "${templateName}" already has ${count} versions, expected at most ${MAX_TEMPLATE_VERSIONS}; delete a version that is not the default first`,
          );
        }
        const now = env.clock.now();
        const version: VersionRow = {
          template_name: templateName,
          version_id: row.last_version_id + 1,
          body: input.templateBody,
          creation_date: now,
        };
        insertVersion.run(version);
        const next: TemplateRow = {
          ...row,
          last_version_id: version.version_id,
          default_version_id: input.setAsDefault ? version.version_id : row.default_version_id,
          last_modified_date: now,
        };
        updateTemplate.run(next);
        return toVersion(version, next.default_version_id);
      });
    },

    getProvisioningTemplateVersion(templateName, versionId) {
      const row = select.get(templateName);
      const version = row === undefined ? undefined : selectVersion.get(templateName, versionId);
      return row === undefined || version === undefined
        ? undefined
        : toVersion(version, row.default_version_id);
    },

    listProvisioningTemplateVersions(templateName, query = {}) {
      const row = mustGet(templateName);
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined
          ? null
          : decodePageToken(query.nextToken, VersionTokenSchema)[0];
      const rows = listVersions.all({ name: templateName, after, limit: size + 1 });
      return toPage(
        rows,
        size,
        (v) => toVersion(v, row.default_version_id),
        (v) => [v.version_id],
      );
    },

    deleteProvisioningTemplateVersion(templateName, versionId) {
      tx(() => {
        const row = mustGet(templateName);
        if (selectVersion.get(templateName, versionId) === undefined) {
          throw new LocalCloudError(
            'NOT_FOUND',
            `Version ${versionId} of the provisioning template "${templateName}" does not exist`,
          );
        }
        if (versionId === row.default_version_id) {
          throw new LocalCloudError(
            'CONFLICT',
            `Version ${versionId} is the default version of the provisioning template "${templateName}", expected a version that is not the default; make another version the default first`,
          );
        }
        removeVersion.run(templateName, versionId);
        updateTemplate.run({ ...row, last_modified_date: env.clock.now() });
      });
    },

    listExpiredProvisioningClaims(now, options = {}) {
      return expiredClaims
        .all({
          now,
          afterExpiry: options.after?.expiresAt ?? null,
          afterId: options.after?.certificateId ?? '',
          limit: options.limit ?? DEFAULT_CLAIM_BATCH,
        })
        .map(
          (row): ExpiredProvisioningClaim => ({
            certificateId: row.certificate_id,
            expiresAt: row.expires_at,
          }),
        );
    },
  };
}
