-- 0003 audit: the append-only, hash-chained audit log. UPDATE, DELETE and TRUNCATE are refused by triggers.
CREATE TABLE audit_entries (
    sequence       bigint       NOT NULL PRIMARY KEY,
    timestamp      timestamptz  NOT NULL,
    actor          varchar(256) NOT NULL,
    type           varchar(100) NOT NULL,
    subject        varchar(512) NOT NULL,
    data           text         NOT NULL,
    previous_hash  bytea        NOT NULL,
    hash           bytea        NOT NULL
);
CREATE INDEX ix_audit_entries_timestamp ON audit_entries (timestamp);
CREATE INDEX ix_audit_entries_actor ON audit_entries (actor);
CREATE INDEX ix_audit_entries_type ON audit_entries (type);

CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END;
$$;

CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
