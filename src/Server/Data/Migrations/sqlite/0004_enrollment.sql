-- 0004 enrollment: one-time enrollment tokens, stored as SHA-256 hashes only.
CREATE TABLE enrollment_tokens (
    id                    TEXT    NOT NULL PRIMARY KEY,
    token_hash            BLOB    NOT NULL,
    agent_id              TEXT    NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    created_by            TEXT    NOT NULL,
    created_at            INTEGER NOT NULL,
    expires_at            INTEGER NOT NULL,
    used_at               INTEGER,
    issued_serial_number  TEXT
);
CREATE UNIQUE INDEX ux_enrollment_tokens_token_hash ON enrollment_tokens (token_hash);
CREATE INDEX ix_enrollment_tokens_agent_id ON enrollment_tokens (agent_id);
