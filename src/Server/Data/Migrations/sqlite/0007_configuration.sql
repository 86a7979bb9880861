-- 0007 configuration: each site's UNS namespace, immutable tag-map versions, the signed configuration
-- envelopes issued per agent, and what each agent last reported about them.
CREATE TABLE site_namespaces (
    site_id     TEXT    NOT NULL PRIMARY KEY REFERENCES sites (id) ON DELETE RESTRICT,
    enterprise  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_site_namespaces_enterprise_name ON site_namespaces (enterprise, name);

CREATE TABLE tag_map_versions (
    id                 TEXT    NOT NULL PRIMARY KEY,
    site_id            TEXT    NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    version            INTEGER NOT NULL,
    author             TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    comment            TEXT    NOT NULL,
    content            TEXT    NOT NULL,
    content_hash       BLOB    NOT NULL,
    connection_count   INTEGER NOT NULL,
    tag_count          INTEGER NOT NULL,
    rolled_back_from   INTEGER
);
CREATE UNIQUE INDEX ux_tag_map_versions_site_id_version ON tag_map_versions (site_id, version);

CREATE TABLE agent_config_envelopes (
    id                  TEXT    NOT NULL PRIMARY KEY,
    agent_id            TEXT    NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    version             INTEGER NOT NULL,
    tag_map_version_id  TEXT    NOT NULL REFERENCES tag_map_versions (id) ON DELETE RESTRICT,
    issued_at           INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    payload_hash        BLOB    NOT NULL,
    envelope            BLOB    NOT NULL
);
CREATE UNIQUE INDEX ux_agent_config_envelopes_agent_id_version ON agent_config_envelopes (agent_id, version);
CREATE INDEX ix_agent_config_envelopes_tag_map_version_id ON agent_config_envelopes (tag_map_version_id);
CREATE INDEX ix_agent_config_envelopes_expires_at ON agent_config_envelopes (expires_at);

CREATE TABLE agent_config_states (
    agent_id          TEXT    NOT NULL PRIMARY KEY REFERENCES agents (id) ON DELETE RESTRICT,
    applied_version   INTEGER,
    reported_version  INTEGER NOT NULL,
    status            TEXT    NOT NULL,
    reason            TEXT,
    reported_at       INTEGER NOT NULL
);
