import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { decodePageToken } from './decodePageToken.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { CertificateRecord, CertificateStatus, Registry } from './types.js';

interface CertificateRow {
  certificate_id: string;
  certificate_pem: string;
  status: CertificateStatus;
  ca_certificate_id: string | null;
  creation_date: number;
  last_modified_date: number;
  not_before: number;
  not_after: number;
  certificate_mode: CertificateRecord['certificateMode'];
  origin: CertificateRecord['origin'];
  expires_at: number | null;
  customer_version: number;
}

interface ListParams {
  afterDate: number | null;
  afterId: string | null;
  ca: string | null;
  limit: number;
}

const CertificateTokenSchema = z.tuple([z.number().int(), z.string()]);
const CERTIFICATE_ID = /^[0-9a-f]{64}$/;

/** The certificate methods of the registry (register, describe, list, update status, delete). */
export function certificateMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  | 'insertCertificate'
  | 'getCertificate'
  | 'listCertificates'
  | 'updateCertificateStatus'
  | 'deleteCertificate'
> {
  const { db, tx, emit } = env;
  const select = db.prepare<[string], CertificateRow>(
    'SELECT * FROM certificates WHERE certificate_id = ?',
  );
  const insert = db.prepare<[CertificateRow]>(
    `INSERT INTO certificates (certificate_id, certificate_pem, status, ca_certificate_id,
       creation_date, last_modified_date, not_before, not_after, certificate_mode, origin,
       expires_at, customer_version)
     VALUES (@certificate_id, @certificate_pem, @status, @ca_certificate_id, @creation_date,
       @last_modified_date, @not_before, @not_after, @certificate_mode, @origin, @expires_at,
       @customer_version)`,
  );
  const updateStatus = db.prepare<[{ id: string; status: CertificateStatus; now: number }]>(
    `UPDATE certificates SET status = @status, last_modified_date = @now,
       customer_version = customer_version + 1
     WHERE certificate_id = @id`,
  );
  const remove = db.prepare<[string]>('DELETE FROM certificates WHERE certificate_id = ?');
  const thingsOf = db.prepare<[string], { thing_name: string }>(
    'SELECT thing_name FROM thing_principals WHERE principal = ? ORDER BY thing_name',
  );
  const policiesOf = db.prepare<[string], { policy_name: string }>(
    'SELECT policy_name FROM policy_attachments WHERE target = ? ORDER BY policy_name',
  );
  const detachAll = db.prepare<[string]>('DELETE FROM policy_attachments WHERE target = ?');
  // ListCertificates hides provisioning-claim certificates (CreateProvisioningClaim).
  const listWhere = `origin <> 'provisioning-claim' AND (@ca IS NULL OR ca_certificate_id = @ca)`;
  const listDesc = db.prepare<[ListParams], CertificateRow>(
    `SELECT * FROM certificates WHERE ${listWhere}
       AND (@afterDate IS NULL OR (creation_date, certificate_id) < (@afterDate, @afterId))
     ORDER BY creation_date DESC, certificate_id DESC LIMIT @limit`,
  );
  const listAsc = db.prepare<[ListParams], CertificateRow>(
    `SELECT * FROM certificates WHERE ${listWhere}
       AND (@afterDate IS NULL OR (creation_date, certificate_id) > (@afterDate, @afterId))
     ORDER BY creation_date ASC, certificate_id ASC LIMIT @limit`,
  );

  const toRecord = (row: CertificateRow): CertificateRecord => ({
    certificateId: row.certificate_id,
    certificateArn: env.arn('cert', row.certificate_id),
    certificatePem: row.certificate_pem,
    status: row.status,
    ...(row.ca_certificate_id === null ? {} : { caCertificateId: row.ca_certificate_id }),
    creationDate: row.creation_date,
    lastModifiedDate: row.last_modified_date,
    notBefore: row.not_before,
    notAfter: row.not_after,
    certificateMode: row.certificate_mode,
    origin: row.origin,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    customerVersion: row.customer_version,
  });

  const mustGet = (certificateId: string): CertificateRow => {
    const row = select.get(certificateId);
    if (!row)
      throw new LocalCloudError('NOT_FOUND', `Certificate "${certificateId}" does not exist`);
    return row;
  };

  return {
    insertCertificate(record) {
      if (!CERTIFICATE_ID.test(record.certificateId)) {
        throw new LocalCloudError(
          'INVALID_REQUEST',
          `Unexpected certificate id "${record.certificateId}", expected 64 lowercase hex digits`,
        );
      }
      return tx(() => {
        if (select.get(record.certificateId)) {
          // RegisterCertificate: ResourceAlreadyExistsException, "The certificate is already provisioned or registered".
          throw new LocalCloudError(
            'ALREADY_EXISTS',
            `Certificate "${record.certificateId}" is already provisioned or registered`,
          );
        }
        const row: CertificateRow = {
          certificate_id: record.certificateId,
          certificate_pem: record.certificatePem,
          status: record.status,
          ca_certificate_id: record.caCertificateId ?? null,
          creation_date: record.creationDate,
          last_modified_date: record.creationDate,
          not_before: record.notBefore,
          not_after: record.notAfter,
          certificate_mode: record.certificateMode,
          origin: record.origin,
          expires_at: record.expiresAt ?? null,
          customer_version: 1,
        };
        insert.run(row);
        emit({ type: 'certificate', certificateId: row.certificate_id, status: row.status });
        return toRecord(row);
      });
    },

    getCertificate(certificateId) {
      const row = select.get(certificateId);
      return row ? toRecord(row) : undefined;
    },

    listCertificates(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined
          ? undefined
          : decodePageToken(query.nextToken, CertificateTokenSchema);
      const params: ListParams = {
        afterDate: after?.[0] ?? null,
        afterId: after?.[1] ?? null,
        ca: query.caCertificateId ?? null,
        limit: size + 1,
      };
      const rows = (query.ascendingOrder ? listAsc : listDesc).all(params);
      return toPage(rows, size, toRecord, (row) => [row.creation_date, row.certificate_id]);
    },

    updateCertificateStatus(certificateId, status) {
      return tx(() => {
        const row = mustGet(certificateId);
        if (row.status === status) return toRecord(row);
        // UpdateCertificate: a REVOKED certificate stays revoked (CertificateStateException).
        if (row.status === 'REVOKED') {
          throw new LocalCloudError(
            'CONFLICT',
            `Certificate "${certificateId}" is REVOKED and cannot change to ${status}: revocation is final`,
          );
        }
        const now = env.clock.now();
        updateStatus.run({ id: certificateId, status, now });
        emit({ type: 'certificate', certificateId, status });
        return toRecord({
          ...row,
          status,
          last_modified_date: now,
          customer_version: row.customer_version + 1,
        });
      });
    },

    deleteCertificate(certificateId, options = {}) {
      tx(() => {
        const row = mustGet(certificateId);
        const arn = env.arn('cert', certificateId);
        // DeleteCertificate: "A certificate cannot be deleted if it has a policy or IoT thing
        // attached to it or if its status is set to ACTIVE." forceDelete: "Forces the deletion of a
        // certificate if it is inactive and is not attached to an IoT thing" — so it only lifts the
        // policy rule (the policies are detached), never the ACTIVE or thing rules.
        if (row.status === 'ACTIVE') {
          throw new LocalCloudError(
            'CONFLICT',
            `Certificate must be deactivated (not ACTIVE) before deletion. (certificate "${certificateId}")`,
          );
        }
        const things = thingsOf.all(arn);
        if (things.length > 0) {
          throw new LocalCloudError(
            'CONFLICT',
            `Things must be detached before deletion (arn: ${arn}; things: ${things.map((t) => t.thing_name).join(', ')})`,
          );
        }
        const policies = policiesOf.all(arn);
        if (policies.length > 0 && !options.force) {
          throw new LocalCloudError(
            'CONFLICT',
            `Certificate policies must be detached before deletion (arn: ${arn}; policies: ${policies.map((p) => p.policy_name).join(', ')})`,
          );
        }
        detachAll.run(arn);
        for (const p of policies) {
          emit({ type: 'policyAttachment', policyName: p.policy_name, target: arn });
        }
        remove.run(certificateId);
        emit({ type: 'certificate', certificateId, status: 'DELETED' });
      });
    },
  };
}
