import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { assertName } from './assertName.js';
import { certificateIdOfPrincipal } from './certificateIdOfPrincipal.js';
import { decodePageToken } from './decodePageToken.js';
import { REGISTRY_LIMITS } from './limits.js';
import { POLICY_NAME, THING_NAME } from './patterns.js';
import type { PolicyReader } from './policyMethods.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { PolicyRecord, Registry } from './types.js';

const NameTokenSchema = z.tuple([z.string()]);
const MAX_PRINCIPAL_LENGTH = 2048;

/** The attachment methods of the registry: policy ↔ target and thing ↔ principal. */
export function attachmentMethods(
  env: RegistryEnv,
  policies: PolicyReader,
): Pick<
  Registry,
  | 'attachPolicy'
  | 'detachPolicy'
  | 'listAttachedPolicies'
  | 'listTargetsForPolicy'
  | 'attachThingPrincipal'
  | 'detachThingPrincipal'
  | 'listThingPrincipals'
  | 'listPrincipalThings'
> {
  const { db, tx, emit } = env;
  const certificateExists = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM certificates WHERE certificate_id = ?',
  );
  const thingExists = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM things WHERE thing_name = ?',
  );
  const insertAttachment = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO policy_attachments (policy_name, target) VALUES (?, ?)',
  );
  const removeAttachment = db.prepare<[string, string]>(
    'DELETE FROM policy_attachments WHERE policy_name = ? AND target = ?',
  );
  const countPolicies = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM policy_attachments WHERE target = ?',
  );
  const isAttached = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM policy_attachments WHERE policy_name = ? AND target = ?',
  );
  const policiesOf = db.prepare<
    [{ target: string; after: string | null; limit: number }],
    { policy_name: string }
  >(
    `SELECT policy_name FROM policy_attachments
     WHERE target = @target AND (@after IS NULL OR policy_name > @after)
     ORDER BY policy_name LIMIT @limit`,
  );
  const targetsOf = db.prepare<
    [{ policy: string; after: string | null; limit: number }],
    { target: string }
  >(
    `SELECT target FROM policy_attachments
     WHERE policy_name = @policy AND (@after IS NULL OR target > @after)
     ORDER BY target LIMIT @limit`,
  );
  const insertPrincipal = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO thing_principals (thing_name, principal) VALUES (?, ?)',
  );
  const removePrincipal = db.prepare<[string, string]>(
    'DELETE FROM thing_principals WHERE thing_name = ? AND principal = ?',
  );
  const principalsOf = db.prepare<
    [{ thing: string; after: string | null; limit: number }],
    { principal: string }
  >(
    `SELECT principal FROM thing_principals
     WHERE thing_name = @thing AND (@after IS NULL OR principal > @after)
     ORDER BY principal LIMIT @limit`,
  );
  const thingsOf = db.prepare<
    [{ principal: string; after: string | null; limit: number }],
    { thing_name: string }
  >(
    `SELECT thing_name FROM thing_principals
     WHERE principal = @principal AND (@after IS NULL OR thing_name > @after)
     ORDER BY thing_name LIMIT @limit`,
  );

  // A certificate principal must name a certificate of this account and region; other principals
  // (Cognito identity ids, thing group ARNs) are not kept in the registry and are taken as given.
  const assertPrincipal = (principal: string): void => {
    if (
      typeof principal !== 'string' ||
      principal.length === 0 ||
      principal.length > MAX_PRINCIPAL_LENGTH
    ) {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        `Unexpected principal ${JSON.stringify(principal)}, expected a certificate ARN or a Cognito identity id`,
      );
    }
    const id = certificateIdOfPrincipal(principal);
    if (id === undefined) return;
    if ((certificateExists.get(id)?.n ?? 0) === 0 || env.arn('cert', id) !== principal) {
      throw new LocalCloudError('NOT_FOUND', `Certificate "${principal}" does not exist`);
    }
  };
  const assertThing = (thingName: string): void => {
    assertName(THING_NAME, thingName);
    if ((thingExists.get(thingName)?.n ?? 0) === 0) {
      throw new LocalCloudError('NOT_FOUND', `Thing "${thingName}" does not exist`);
    }
  };
  const after = (token: string | undefined): string | null =>
    token === undefined ? null : decodePageToken(token, NameTokenSchema)[0];

  return {
    attachPolicy(policyName, target) {
      tx(() => {
        policies.mustExist(policyName);
        assertPrincipal(target);
        if ((isAttached.get(policyName, target)?.n ?? 0) > 0) return;
        if ((countPolicies.get(target)?.n ?? 0) >= REGISTRY_LIMITS.policiesPerTarget) {
          throw new LocalCloudError(
            'LIMIT_EXCEEDED',
            `Target "${target}" already has ${REGISTRY_LIMITS.policiesPerTarget} policies attached, the most AWS IoT allows`,
          );
        }
        insertAttachment.run(policyName, target);
        emit({ type: 'policyAttachment', policyName, target });
      });
    },

    detachPolicy(policyName, target) {
      tx(() => {
        policies.mustExist(policyName);
        assertPrincipal(target);
        if (removeAttachment.run(policyName, target).changes > 0) {
          emit({ type: 'policyAttachment', policyName, target });
        }
      });
    },

    listAttachedPolicies(target, query = {}) {
      assertPrincipal(target);
      const size = resolvePageSize(query.maxResults);
      const rows = policiesOf.all({ target, after: after(query.nextToken), limit: size + 1 });
      return toPage(
        rows,
        size,
        (row): PolicyRecord => {
          const policy = policies.read(row.policy_name);
          if (!policy)
            throw new LocalCloudError('INTERNAL', `Attached policy "${row.policy_name}" vanished`);
          return policy;
        },
        (row) => [row.policy_name],
      );
    },

    listTargetsForPolicy(policyName, query = {}) {
      assertName(POLICY_NAME, policyName);
      policies.mustExist(policyName);
      const size = resolvePageSize(query.maxResults);
      const rows = targetsOf.all({
        policy: policyName,
        after: after(query.nextToken),
        limit: size + 1,
      });
      return toPage(
        rows,
        size,
        (row) => row.target,
        (row) => [row.target],
      );
    },

    attachThingPrincipal(thingName, principal) {
      tx(() => {
        assertThing(thingName);
        assertPrincipal(principal);
        if (insertPrincipal.run(thingName, principal).changes > 0) {
          emit({ type: 'thingPrincipal', thingName, principal });
        }
      });
    },

    detachThingPrincipal(thingName, principal) {
      tx(() => {
        assertThing(thingName);
        assertPrincipal(principal);
        if (removePrincipal.run(thingName, principal).changes > 0) {
          emit({ type: 'thingPrincipal', thingName, principal });
        }
      });
    },

    listThingPrincipals(thingName, query = {}) {
      assertThing(thingName);
      const size = resolvePageSize(query.maxResults);
      const rows = principalsOf.all({
        thing: thingName,
        after: after(query.nextToken),
        limit: size + 1,
      });
      return toPage(
        rows,
        size,
        (row) => row.principal,
        (row) => [row.principal],
      );
    },

    listPrincipalThings(principal, query = {}) {
      assertPrincipal(principal);
      const size = resolvePageSize(query.maxResults);
      const rows = thingsOf.all({ principal, after: after(query.nextToken), limit: size + 1 });
      return toPage(
        rows,
        size,
        (row) => row.thing_name,
        (row) => [row.thing_name],
      );
    },
  };
}
