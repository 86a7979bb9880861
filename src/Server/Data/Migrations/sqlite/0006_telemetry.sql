-- 0006 telemetry: the tag dictionary and the history of every UNS value (timestamps in
-- microseconds since the Unix epoch). One row per (tag, source timestamp): a QoS 1 redelivery of
-- the same value is skipped by INSERT OR IGNORE, so history never holds duplicates. tag_id has no
-- foreign key: the writer resolves every id from telemetry_tags and tags are never deleted.
CREATE TABLE telemetry_tags (
    id          INTEGER NOT NULL PRIMARY KEY,
    path        TEXT    NOT NULL UNIQUE,
    unit        TEXT    NULL,
    source      TEXT    NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE telemetry (
    tag_id      INTEGER NOT NULL,
    source_ts   INTEGER NOT NULL,
    server_ts   INTEGER NOT NULL,
    value_num   REAL    NULL,
    value_bool  INTEGER NULL,
    value_text  TEXT    NULL,
    quality     INTEGER NOT NULL,
    seq         INTEGER NULL,
    PRIMARY KEY (tag_id, source_ts)
) WITHOUT ROWID;

-- Retention deletes by age in chunks.
CREATE INDEX ix_telemetry_source_ts ON telemetry (source_ts);
