-- 0009 writes: governed control-write requests, their timeline, and which sites accept writes.
CREATE TABLE site_write_settings (
    site_id         TEXT    NOT NULL PRIMARY KEY REFERENCES sites (id) ON DELETE RESTRICT,
    writes_enabled  INTEGER NOT NULL,
    changed_by      TEXT    NOT NULL,
    changed_at      INTEGER NOT NULL
);

CREATE TABLE write_requests (
    id                  TEXT    NOT NULL PRIMARY KEY,
    site_id             TEXT    NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    agent_id            TEXT    NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    tag                 TEXT    NOT NULL,
    data_type           TEXT    NOT NULL,
    value               TEXT    NOT NULL,
    reason              TEXT    NOT NULL,
    tag_map_version     INTEGER NOT NULL,
    requested_by_id     TEXT    NOT NULL,
    requested_by        TEXT    NOT NULL,
    requested_at        INTEGER NOT NULL,
    not_before          INTEGER ,
    not_after           INTEGER ,
    expires_at          INTEGER NOT NULL,
    critical            INTEGER NOT NULL,
    approvals_required  INTEGER NOT NULL,
    approvals           INTEGER NOT NULL,
    state               TEXT    NOT NULL,
    version             INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    nonce               TEXT    ,
    dispatched_at       INTEGER ,
    command_expires_at  INTEGER ,
    completed_at        INTEGER ,
    read_back           TEXT    ,
    error               TEXT
);
CREATE INDEX ix_write_requests_state_expires_at ON write_requests (state, expires_at);
CREATE INDEX ix_write_requests_site_id_requested_at ON write_requests (site_id, requested_at);
CREATE INDEX ix_write_requests_requested_at ON write_requests (requested_at);

CREATE TABLE write_request_events (
    id          TEXT    NOT NULL PRIMARY KEY,
    request_id  TEXT    NOT NULL REFERENCES write_requests (id) ON DELETE RESTRICT,
    sequence    INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    detail      TEXT
);
CREATE UNIQUE INDEX ux_write_request_events_request_id_sequence ON write_request_events (request_id, sequence);
