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
  // 2: fleet provisioning (issue 4) — certificate ownership tokens (stored as SHA-256 hashes, bound
  // to their certificate and deleted with it) and provisioning templates with their versions.
  `
  CREATE TABLE certificate_ownership_tokens (
    token_hash     TEXT PRIMARY KEY,
    certificate_id TEXT NOT NULL REFERENCES certificates (certificate_id) ON DELETE CASCADE,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    used_at        INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX certificate_ownership_tokens_by_expiry ON certificate_ownership_tokens (expires_at);
  CREATE INDEX certificate_ownership_tokens_by_certificate
    ON certificate_ownership_tokens (certificate_id);

  CREATE TABLE provisioning_templates (
    template_name          TEXT PRIMARY KEY,
    template_id            TEXT NOT NULL UNIQUE,
    description            TEXT,
    enabled                INTEGER NOT NULL,
    provisioning_role_arn  TEXT NOT NULL,
    pre_provisioning_hook  TEXT,
    template_type          TEXT NOT NULL,
    default_version_id     INTEGER NOT NULL,
    last_version_id        INTEGER NOT NULL,
    creation_date          INTEGER NOT NULL,
    last_modified_date     INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE provisioning_template_versions (
    template_name TEXT NOT NULL REFERENCES provisioning_templates (template_name) ON DELETE CASCADE,
    version_id    INTEGER NOT NULL,
    body          TEXT NOT NULL,
    creation_date INTEGER NOT NULL,
    PRIMARY KEY (template_name, version_id)
  ) WITHOUT ROWID;
  `,
  // Thing types and static thing groups (issue 3, registry): groups form a tree through
  // parent_group_name (a parent with children cannot be deleted); memberships go with their thing
  // or group.
  `
  CREATE TABLE thing_types (
    thing_type_name       TEXT PRIMARY KEY,
    thing_type_id         TEXT NOT NULL UNIQUE,
    description           TEXT,
    searchable_attributes TEXT NOT NULL,
    deprecated            INTEGER NOT NULL,
    deprecation_date      INTEGER,
    creation_date         INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE thing_groups (
    thing_group_name  TEXT PRIMARY KEY,
    thing_group_id    TEXT NOT NULL UNIQUE,
    parent_group_name TEXT REFERENCES thing_groups (thing_group_name),
    description       TEXT,
    attributes        TEXT NOT NULL,
    version           INTEGER NOT NULL,
    creation_date     INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX thing_groups_by_parent ON thing_groups (parent_group_name, thing_group_name);

  CREATE TABLE thing_group_members (
    thing_group_name TEXT NOT NULL REFERENCES thing_groups (thing_group_name) ON DELETE CASCADE,
    thing_name       TEXT NOT NULL REFERENCES things (thing_name) ON DELETE CASCADE,
    PRIMARY KEY (thing_group_name, thing_name)
  ) WITHOUT ROWID;
  CREATE INDEX thing_group_members_by_thing ON thing_group_members (thing_name, thing_group_name);
  `,
  // Trusted-user claims (issue 4): the sweep finds expired CreateProvisioningClaim certificates
  // without reading the other certificates.
  `
  CREATE INDEX certificates_provisioning_claims_by_expiry ON certificates (expires_at, certificate_id)
    WHERE origin = 'provisioning-claim';
  `,
  // The account's CA registration code (GetRegistrationCode, issue 4): one per account and region,
  // kept until DeleteRegistrationCode.
  `
  CREATE TABLE account_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
];
