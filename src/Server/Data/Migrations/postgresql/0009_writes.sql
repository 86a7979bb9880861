-- 0009 writes: governed control-write requests, their timeline, and which sites accept writes.
CREATE TABLE site_write_settings (
    site_id         uuid          NOT NULL PRIMARY KEY REFERENCES sites (id) ON DELETE RESTRICT,
    writes_enabled  boolean       NOT NULL,
    changed_by      varchar(256)  NOT NULL,
    changed_at      timestamptz   NOT NULL
);

CREATE TABLE write_requests (
    id                   uuid           NOT NULL PRIMARY KEY,
    site_id              uuid           NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    agent_id             uuid           NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    tag                  varchar(1024)  NOT NULL,
    data_type            varchar(20)    NOT NULL,
    value                varchar(64)    NOT NULL,
    reason               varchar(1000)  NOT NULL,
    tag_map_version      integer        NOT NULL,
    requested_by_id      uuid           NOT NULL,
    requested_by         varchar(256)   NOT NULL,
    requested_at         timestamptz    NOT NULL,
    not_before           timestamptz,
    not_after            timestamptz,
    expires_at           timestamptz    NOT NULL,
    critical             boolean        NOT NULL,
    approvals_required   integer        NOT NULL,
    approvals            integer        NOT NULL,
    state                varchar(20)    NOT NULL,
    version              integer        NOT NULL,
    updated_at           timestamptz    NOT NULL,
    nonce                varchar(32),
    dispatched_at        timestamptz,
    command_expires_at   timestamptz,
    completed_at         timestamptz,
    read_back            varchar(64),
    error                varchar(1000)
);
CREATE INDEX ix_write_requests_state_expires_at ON write_requests (state, expires_at);
CREATE INDEX ix_write_requests_site_id_requested_at ON write_requests (site_id, requested_at);
CREATE INDEX ix_write_requests_requested_at ON write_requests (requested_at);

CREATE TABLE write_request_events (
    id          uuid           NOT NULL PRIMARY KEY,
    request_id  uuid           NOT NULL REFERENCES write_requests (id) ON DELETE RESTRICT,
    sequence    integer        NOT NULL,
    action      varchar(40)    NOT NULL,
    state       varchar(20)    NOT NULL,
    actor       varchar(256)   NOT NULL,
    at          timestamptz    NOT NULL,
    detail      varchar(2000)
);
CREATE UNIQUE INDEX ux_write_request_events_request_id_sequence ON write_request_events (request_id, sequence);
