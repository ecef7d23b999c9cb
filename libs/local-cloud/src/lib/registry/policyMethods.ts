import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { assertName } from './assertName.js';
import { decodePageToken } from './decodePageToken.js';
import { REGISTRY_LIMITS } from './limits.js';
import { POLICY_NAME, POLICY_VERSION_ID } from './patterns.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { PolicyRecord, PolicyVersionRecord, Registry } from './types.js';

interface PolicyRow {
  policy_name: string;
  default_version_id: string;
  last_version_id: number;
  creation_date: number;
  last_modified_date: number;
  generation_id: string;
}

interface VersionRow {
  policy_name: string;
  version_id: number;
  document: string;
  create_date: number;
}

const PolicyTokenSchema = z.tuple([z.string()]);

/** Internal: reads full policy records; shared with the attachment methods. */
export interface PolicyReader {
  /** The policy with its versions, or `undefined`. */
  read(policyName: string): PolicyRecord | undefined;
  /** The policy row, or NOT_FOUND. */
  mustExist(policyName: string): void;
}

/** The policy methods of the registry (CreatePolicy, GetPolicy, ListPolicies, versions, DeletePolicy). */
export function policyMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  | 'createPolicy'
  | 'getPolicy'
  | 'listPolicies'
  | 'deletePolicy'
  | 'createPolicyVersion'
  | 'setDefaultPolicyVersion'
  | 'deletePolicyVersion'
> & { reader: PolicyReader } {
  const { db, tx, emit } = env;
  const select = db.prepare<[string], PolicyRow>('SELECT * FROM policies WHERE policy_name = ?');
  const versionsOf = db.prepare<[string], VersionRow>(
    'SELECT * FROM policy_versions WHERE policy_name = ? ORDER BY version_id',
  );
  const insertPolicy = db.prepare<[PolicyRow]>(
    `INSERT INTO policies (policy_name, default_version_id, last_version_id, creation_date,
       last_modified_date, generation_id)
     VALUES (@policy_name, @default_version_id, @last_version_id, @creation_date,
       @last_modified_date, @generation_id)`,
  );
  const updatePolicy = db.prepare<[PolicyRow]>(
    `UPDATE policies SET default_version_id = @default_version_id,
       last_version_id = @last_version_id, last_modified_date = @last_modified_date,
       generation_id = @generation_id
     WHERE policy_name = @policy_name`,
  );
  const insertVersion = db.prepare<[VersionRow]>(
    `INSERT INTO policy_versions (policy_name, version_id, document, create_date)
     VALUES (@policy_name, @version_id, @document, @create_date)`,
  );
  const removeVersion = db.prepare<[string, number]>(
    'DELETE FROM policy_versions WHERE policy_name = ? AND version_id = ?',
  );
  const removePolicy = db.prepare<[string]>('DELETE FROM policies WHERE policy_name = ?');
  const countTargets = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM policy_attachments WHERE policy_name = ?',
  );
  const list = db.prepare<[{ after: string | null; limit: number }], PolicyRow>(
    `SELECT * FROM policies WHERE (@after IS NULL OR policy_name > @after)
     ORDER BY policy_name LIMIT @limit`,
  );

  const toRecord = (row: PolicyRow): PolicyRecord => ({
    policyName: row.policy_name,
    policyArn: env.arn('policy', row.policy_name),
    defaultVersionId: row.default_version_id,
    versions: versionsOf.all(row.policy_name).map(
      (v): PolicyVersionRecord => ({
        versionId: String(v.version_id),
        document: v.document,
        isDefaultVersion: String(v.version_id) === row.default_version_id,
        createDate: v.create_date,
      }),
    ),
    creationDate: row.creation_date,
    lastModifiedDate: row.last_modified_date,
    generationId: row.generation_id,
  });

  const mustGet = (policyName: string): PolicyRow => {
    assertName(POLICY_NAME, policyName);
    const row = select.get(policyName);
    if (!row) throw new LocalCloudError('NOT_FOUND', `Policy "${policyName}" does not exist`);
    return row;
  };
  const versionNumber = (policyName: string, versionId: string): number => {
    assertName(POLICY_VERSION_ID, versionId);
    const n = Number(versionId);
    if (!versionsOf.all(policyName).some((v) => v.version_id === n)) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `Policy "${policyName}" has no version "${versionId}"`,
      );
    }
    return n;
  };

  return {
    reader: {
      read: (policyName) => {
        const row = select.get(policyName);
        return row ? toRecord(row) : undefined;
      },
      mustExist: (policyName) => void mustGet(policyName),
    },

    createPolicy(policyName, document) {
      assertName(POLICY_NAME, policyName);
      return tx(() => {
        if (select.get(policyName)) {
          // CreatePolicy: ResourceAlreadyExistsException.
          throw new LocalCloudError(
            'ALREADY_EXISTS',
            `Policy cannot be created - name already exists (name=${policyName})`,
          );
        }
        const now = env.clock.now();
        const row: PolicyRow = {
          policy_name: policyName,
          default_version_id: '1',
          last_version_id: 1,
          creation_date: now,
          last_modified_date: now,
          generation_id: newGenerationId(),
        };
        insertPolicy.run(row);
        insertVersion.run({ policy_name: policyName, version_id: 1, document, create_date: now });
        emit({ type: 'policy', policyName });
        return toRecord(row);
      });
    },

    getPolicy(policyName) {
      const row = select.get(policyName);
      return row ? toRecord(row) : undefined;
    },

    listPolicies(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined
          ? null
          : decodePageToken(query.nextToken, PolicyTokenSchema)[0];
      const rows = list.all({ after, limit: size + 1 });
      return toPage(rows, size, toRecord, (row) => [row.policy_name]);
    },

    deletePolicy(policyName) {
      tx(() => {
        mustGet(policyName);
        // DeletePolicy: "A policy cannot be deleted if it has non-default versions or it is
        // attached to any certificate." (DeleteConflictException)
        if ((countTargets.get(policyName)?.n ?? 0) > 0) {
          throw new LocalCloudError(
            'CONFLICT',
            `The policy cannot be deleted as the policy is attached to one or more principals (name=${policyName})`,
          );
        }
        if (versionsOf.all(policyName).length > 1) {
          throw new LocalCloudError(
            'CONFLICT',
            `Cannot delete the policy because it has one or more policy versions attached to it (name=${policyName})`,
          );
        }
        removePolicy.run(policyName);
        emit({ type: 'policy', policyName });
      });
    },

    createPolicyVersion(policyName, document, setAsDefault) {
      return tx(() => {
        const row = mustGet(policyName);
        if (versionsOf.all(policyName).length >= REGISTRY_LIMITS.policyVersions) {
          // CreatePolicyVersion: VersionsLimitExceededException.
          throw new LocalCloudError(
            'LIMIT_EXCEEDED',
            `The policy ${policyName} already has the maximum number of versions (${REGISTRY_LIMITS.policyVersions})`,
          );
        }
        const now = env.clock.now();
        const versionId = row.last_version_id + 1;
        insertVersion.run({
          policy_name: policyName,
          version_id: versionId,
          document,
          create_date: now,
        });
        updatePolicy.run({
          ...row,
          last_version_id: versionId,
          default_version_id: setAsDefault ? String(versionId) : row.default_version_id,
          last_modified_date: now,
          generation_id: setAsDefault ? newGenerationId() : row.generation_id,
        });
        emit({ type: 'policy', policyName });
        return {
          versionId: String(versionId),
          document,
          isDefaultVersion: setAsDefault,
          createDate: now,
        };
      });
    },

    setDefaultPolicyVersion(policyName, versionId) {
      tx(() => {
        const row = mustGet(policyName);
        versionNumber(policyName, versionId);
        if (row.default_version_id === versionId) return;
        updatePolicy.run({
          ...row,
          default_version_id: versionId,
          last_modified_date: env.clock.now(),
          generation_id: newGenerationId(),
        });
        emit({ type: 'policy', policyName });
      });
    },

    deletePolicyVersion(policyName, versionId) {
      tx(() => {
        const row = mustGet(policyName);
        const n = versionNumber(policyName, versionId);
        // DeletePolicyVersion: "You cannot delete the default version of a policy using this
        // action. To delete the default version of a policy, use DeletePolicy."
        if (row.default_version_id === versionId) {
          throw new LocalCloudError(
            'CONFLICT',
            `Cannot delete the default version "${versionId}" of policy ${policyName}; use DeletePolicy`,
          );
        }
        removeVersion.run(policyName, n);
        updatePolicy.run({ ...row, last_modified_date: env.clock.now() });
        emit({ type: 'policy', policyName });
      });
    },
  };
}

// GetPolicy's generationId changes whenever the default version does; AWS shows a 64-hex value.
function newGenerationId(): string {
  return randomBytes(32).toString('hex');
}
