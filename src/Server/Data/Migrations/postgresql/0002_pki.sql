-- 0002 pki: the server's key pairs (private keys encrypted), the serial register, published CRLs.
CREATE TABLE pki_credentials (
    id                     uuid        NOT NULL PRIMARY KEY,
    purpose                varchar(40) NOT NULL,
    certificate            bytea,
    public_key             bytea       NOT NULL,
    encrypted_private_key  bytea       NOT NULL,
    created_at             timestamptz NOT NULL,
    not_after              timestamptz
);
CREATE INDEX ix_pki_credentials_purpose_created_at ON pki_credentials (purpose, created_at);

CREATE TABLE issued_certificates (
    serial_number      varchar(64)  NOT NULL PRIMARY KEY,
    kind               varchar(20)  NOT NULL,
    agent_id           uuid         REFERENCES agents (id) ON DELETE RESTRICT,
    subject            varchar(500) NOT NULL,
    not_before         timestamptz  NOT NULL,
    not_after          timestamptz  NOT NULL,
    issued_at          timestamptz  NOT NULL,
    der                bytea        NOT NULL,
    revoked_at         timestamptz,
    revocation_reason  varchar(40)
);
CREATE INDEX ix_issued_certificates_agent_id ON issued_certificates (agent_id);

CREATE TABLE revocation_lists (
    number       bigint      NOT NULL PRIMARY KEY,
    this_update  timestamptz NOT NULL,
    next_update  timestamptz NOT NULL,
    der          bytea       NOT NULL
);
