-- 0004 enrollment: one-time enrollment tokens, stored as SHA-256 hashes only.
CREATE TABLE enrollment_tokens (
    id                    uuid         NOT NULL PRIMARY KEY,
    token_hash            bytea        NOT NULL,
    agent_id              uuid         NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    created_by            varchar(256) NOT NULL,
    created_at            timestamptz  NOT NULL,
    expires_at            timestamptz  NOT NULL,
    used_at               timestamptz,
    issued_serial_number  varchar(64)
);
CREATE UNIQUE INDEX ux_enrollment_tokens_token_hash ON enrollment_tokens (token_hash);
CREATE INDEX ix_enrollment_tokens_agent_id ON enrollment_tokens (agent_id);
