import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { decodePageToken } from './decodePageToken.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { CaCertificateRecord, Registry } from './types.js';

interface CaCertificateRow {
  ca_certificate_id: string;
  ca_certificate_pem: string;
  status: CaCertificateRecord['status'];
  auto_registration_status: CaCertificateRecord['autoRegistrationStatus'];
  registration_config: string | null;
  certificate_mode: CaCertificateRecord['certificateMode'];
  creation_date: number;
  last_modified_date: number;
  customer_version: number;
}

const RegistrationConfigSchema = z.object({
  templateBody: z.string().optional(),
  templateName: z.string().optional(),
  roleArn: z.string().optional(),
});
const CaTokenSchema = z.tuple([z.number(), z.string()]);

interface ListParams {
  templateName: string | null;
  afterDate: number | null;
  afterId: string | null;
  limit: number;
}
const CERTIFICATE_ID = /^[0-9a-f]{64}$/;

/** The CA certificate methods of the registry (RegisterCACertificate and friends). */
export function caCertificateMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  | 'insertCaCertificate'
  | 'getCaCertificate'
  | 'listCaCertificates'
  | 'updateCaCertificate'
  | 'deleteCaCertificate'
> {
  const { db, tx, emit } = env;
  const select = db.prepare<[string], CaCertificateRow>(
    'SELECT * FROM ca_certificates WHERE ca_certificate_id = ?',
  );
  const insert = db.prepare<[CaCertificateRow]>(
    `INSERT INTO ca_certificates (ca_certificate_id, ca_certificate_pem, status,
       auto_registration_status, registration_config, certificate_mode, creation_date,
       last_modified_date, customer_version)
     VALUES (@ca_certificate_id, @ca_certificate_pem, @status, @auto_registration_status,
       @registration_config, @certificate_mode, @creation_date, @last_modified_date,
       @customer_version)`,
  );
  const update = db.prepare<[CaCertificateRow]>(
    `UPDATE ca_certificates SET status = @status, auto_registration_status = @auto_registration_status,
       registration_config = @registration_config, last_modified_date = @last_modified_date,
       customer_version = @customer_version
     WHERE ca_certificate_id = @ca_certificate_id`,
  );
  const remove = db.prepare<[string]>('DELETE FROM ca_certificates WHERE ca_certificate_id = ?');
  const listAsc = db.prepare<[ListParams], CaCertificateRow>(
    `SELECT * FROM ca_certificates
     WHERE (@templateName IS NULL OR json_extract(registration_config, '$.templateName') = @templateName)
       AND (@afterDate IS NULL OR (creation_date, ca_certificate_id) > (@afterDate, @afterId))
     ORDER BY creation_date ASC, ca_certificate_id ASC LIMIT @limit`,
  );
  const listDesc = db.prepare<[ListParams], CaCertificateRow>(
    `SELECT * FROM ca_certificates
     WHERE (@templateName IS NULL OR json_extract(registration_config, '$.templateName') = @templateName)
       AND (@afterDate IS NULL OR (creation_date, ca_certificate_id) < (@afterDate, @afterId))
     ORDER BY creation_date DESC, ca_certificate_id DESC LIMIT @limit`,
  );

  const toRecord = (row: CaCertificateRow): CaCertificateRecord => ({
    caCertificateId: row.ca_certificate_id,
    caCertificateArn: env.arn('cacert', row.ca_certificate_id),
    caCertificatePem: row.ca_certificate_pem,
    status: row.status,
    autoRegistrationStatus: row.auto_registration_status,
    ...(row.registration_config === null
      ? {}
      : {
          registrationConfig: RegistrationConfigSchema.parse(JSON.parse(row.registration_config)),
        }),
    certificateMode: row.certificate_mode,
    creationDate: row.creation_date,
    lastModifiedDate: row.last_modified_date,
    customerVersion: row.customer_version,
  });

  const mustGet = (id: string): CaCertificateRow => {
    const row = select.get(id);
    if (!row) throw new LocalCloudError('NOT_FOUND', `CA certificate "${id}" does not exist`);
    return row;
  };

  return {
    insertCaCertificate(record) {
      if (!CERTIFICATE_ID.test(record.caCertificateId)) {
        throw new LocalCloudError(
          'INVALID_REQUEST',
          `Unexpected CA certificate id "${record.caCertificateId}", expected 64 lowercase hex digits`,
        );
      }
      return tx(() => {
        if (select.get(record.caCertificateId)) {
          throw new LocalCloudError(
            'ALREADY_EXISTS',
            `CA certificate "${record.caCertificateId}" is already registered`,
          );
        }
        const row: CaCertificateRow = {
          ca_certificate_id: record.caCertificateId,
          ca_certificate_pem: record.caCertificatePem,
          status: record.status,
          auto_registration_status: record.autoRegistrationStatus,
          registration_config:
            record.registrationConfig === undefined
              ? null
              : JSON.stringify(record.registrationConfig),
          certificate_mode: record.certificateMode,
          creation_date: record.creationDate,
          last_modified_date: record.creationDate,
          customer_version: 1,
        };
        insert.run(row);
        emit({ type: 'caCertificate', caCertificateId: row.ca_certificate_id });
        return toRecord(row);
      });
    },

    getCaCertificate(caCertificateId) {
      const row = select.get(caCertificateId);
      return row ? toRecord(row) : undefined;
    },

    listCaCertificates(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined ? undefined : decodePageToken(query.nextToken, CaTokenSchema);
      const rows = (query.ascendingOrder === false ? listDesc : listAsc).all({
        templateName: query.templateName ?? null,
        afterDate: after?.[0] ?? null,
        afterId: after?.[1] ?? null,
        limit: size + 1,
      });
      return toPage(rows, size, toRecord, (row) => [row.creation_date, row.ca_certificate_id]);
    },

    updateCaCertificate(caCertificateId, patch) {
      return tx(() => {
        const row = mustGet(caCertificateId);
        const next: CaCertificateRow = {
          ...row,
          status: patch.status ?? row.status,
          auto_registration_status: patch.autoRegistrationStatus ?? row.auto_registration_status,
          registration_config:
            patch.registrationConfig === undefined
              ? row.registration_config
              : patch.registrationConfig === null
                ? null
                : JSON.stringify(patch.registrationConfig),
          last_modified_date: env.clock.now(),
          customer_version: row.customer_version + 1,
        };
        update.run(next);
        emit({ type: 'caCertificate', caCertificateId });
        return toRecord(next);
      });
    },

    deleteCaCertificate(caCertificateId) {
      tx(() => {
        const row = mustGet(caCertificateId);
        // DeleteCACertificate answers CertificateStateException for a CA that is still ACTIVE:
        // it has to be deactivated (UpdateCACertificate newStatus=INACTIVE) first.
        if (row.status === 'ACTIVE') {
          throw new LocalCloudError(
            'CONFLICT',
            `CA certificate "${caCertificateId}" is ACTIVE, expected INACTIVE before deletion`,
          );
        }
        remove.run(caCertificateId);
        emit({ type: 'caCertificate', caCertificateId });
      });
    },
  };
}
