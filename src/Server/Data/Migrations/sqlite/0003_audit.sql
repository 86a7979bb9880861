-- 0003 audit: the append-only, hash-chained audit log. UPDATE and DELETE are refused by triggers.
CREATE TABLE audit_entries (
    sequence       INTEGER NOT NULL PRIMARY KEY,
    timestamp      INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    data           TEXT    NOT NULL,
    previous_hash  BLOB    NOT NULL,
    hash           BLOB    NOT NULL
);
CREATE INDEX ix_audit_entries_timestamp ON audit_entries (timestamp);
CREATE INDEX ix_audit_entries_actor ON audit_entries (actor);
CREATE INDEX ix_audit_entries_type ON audit_entries (type);

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;
