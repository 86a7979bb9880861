-- 0002 pki: the server's key pairs (private keys encrypted), the serial register, published CRLs.
CREATE TABLE pki_credentials (
    id                     TEXT    NOT NULL PRIMARY KEY,
    purpose                TEXT    NOT NULL,
    certificate            BLOB,
    public_key             BLOB    NOT NULL,
    encrypted_private_key  BLOB    NOT NULL,
    created_at             INTEGER NOT NULL,
    not_after              INTEGER
);
CREATE INDEX ix_pki_credentials_purpose_created_at ON pki_credentials (purpose, created_at);

CREATE TABLE issued_certificates (
    serial_number      TEXT    NOT NULL PRIMARY KEY,
    kind               TEXT    NOT NULL,
    agent_id           TEXT    REFERENCES agents (id) ON DELETE RESTRICT,
    subject            TEXT    NOT NULL,
    not_before         INTEGER NOT NULL,
    not_after          INTEGER NOT NULL,
    issued_at          INTEGER NOT NULL,
    der                BLOB    NOT NULL,
    revoked_at         INTEGER,
    revocation_reason  TEXT
);
CREATE INDEX ix_issued_certificates_agent_id ON issued_certificates (agent_id);

CREATE TABLE revocation_lists (
    number       INTEGER NOT NULL PRIMARY KEY,
    this_update  INTEGER NOT NULL,
    next_update  INTEGER NOT NULL,
    der          BLOB    NOT NULL
);
