/**
 * The registry's schema, one entry per version: entry `i` takes a database from version `i` to
 * `i + 1`. Entries are append-only — later issues add tables (provisioning templates, Cognito users)
 * as new entries; never edit one that has shipped, because databases on disk already ran it.
 */
export const REGISTRY_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE things (
    thing_name      TEXT PRIMARY KEY,
    thing_id        TEXT NOT NULL UNIQUE,
    thing_type_name TEXT,
    attributes      TEXT NOT NULL,
    version         INTEGER NOT NULL,
    creation_date   INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX things_by_type ON things (thing_type_name, thing_name);

  CREATE TABLE ca_certificates (
    ca_certificate_id        TEXT PRIMARY KEY,
    ca_certificate_pem       TEXT NOT NULL,
    status                   TEXT NOT NULL,
    auto_registration_status TEXT NOT NULL,
    registration_config      TEXT,
    certificate_mode         TEXT NOT NULL,
    creation_date            INTEGER NOT NULL,
    last_modified_date       INTEGER NOT NULL,
    customer_version         INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE certificates (
    certificate_id     TEXT PRIMARY KEY,
    certificate_pem    TEXT NOT NULL,
    status             TEXT NOT NULL,
    ca_certificate_id  TEXT,
    creation_date      INTEGER NOT NULL,
    last_modified_date INTEGER NOT NULL,
    not_before         INTEGER NOT NULL,
    not_after          INTEGER NOT NULL,
    certificate_mode   TEXT NOT NULL,
    origin             TEXT NOT NULL,
    expires_at         INTEGER,
    customer_version   INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX certificates_by_date ON certificates (creation_date, certificate_id);
  CREATE INDEX certificates_by_ca ON certificates (ca_certificate_id, creation_date, certificate_id);

  CREATE TABLE policies (
    policy_name        TEXT PRIMARY KEY,
    default_version_id TEXT NOT NULL,
    last_version_id    INTEGER NOT NULL,
    creation_date      INTEGER NOT NULL,
    last_modified_date INTEGER NOT NULL,
    generation_id      TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE policy_versions (
    policy_name TEXT NOT NULL REFERENCES policies (policy_name) ON DELETE CASCADE,
    version_id  INTEGER NOT NULL,
    document    TEXT NOT NULL,
    create_date INTEGER NOT NULL,
    PRIMARY KEY (policy_name, version_id)
  ) WITHOUT ROWID;

  CREATE TABLE policy_attachments (
    policy_name TEXT NOT NULL REFERENCES policies (policy_name),
    target      TEXT NOT NULL,
    PRIMARY KEY (policy_name, target)
  ) WITHOUT ROWID;
  CREATE INDEX policy_attachments_by_target ON policy_attachments (target, policy_name);

  CREATE TABLE thing_principals (
    thing_name TEXT NOT NULL REFERENCES things (thing_name),
    principal  TEXT NOT NULL,
    PRIMARY KEY (thing_name, principal)
  ) WITHOUT ROWID;
  CREATE INDEX thing_principals_by_principal ON thing_principals (principal, thing_name);

  CREATE TABLE retained_messages (
    topic              TEXT PRIMARY KEY,
    payload            BLOB NOT NULL,
    qos                INTEGER NOT NULL,
    last_modified_time INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE shadows (
    thing_name  TEXT NOT NULL,
    shadow_name TEXT NOT NULL,
    document    TEXT NOT NULL,
    deleted_at  INTEGER,
    PRIMARY KEY (thing_name, shadow_name)
  ) WITHOUT ROWID;
  `,
];
