-- 0007 configuration: each site's UNS namespace, immutable tag-map versions, the signed configuration
-- envelopes issued per agent, and what each agent last reported about them.
CREATE TABLE site_namespaces (
    site_id     uuid         NOT NULL PRIMARY KEY REFERENCES sites (id) ON DELETE RESTRICT,
    enterprise  varchar(64)  NOT NULL,
    name        varchar(64)  NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX ux_site_namespaces_enterprise_name ON site_namespaces (enterprise, name);

CREATE TABLE tag_map_versions (
    id                 uuid          NOT NULL PRIMARY KEY,
    site_id            uuid          NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    version            integer       NOT NULL,
    author             varchar(256)  NOT NULL,
    created_at         timestamptz   NOT NULL,
    comment            varchar(1000) NOT NULL,
    content            text          NOT NULL,
    content_hash       bytea         NOT NULL,
    connection_count   integer       NOT NULL,
    tag_count          integer       NOT NULL,
    rolled_back_from   integer
);
CREATE UNIQUE INDEX ux_tag_map_versions_site_id_version ON tag_map_versions (site_id, version);

CREATE TABLE agent_config_envelopes (
    id                  uuid         NOT NULL PRIMARY KEY,
    agent_id            uuid         NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    version             bigint       NOT NULL,
    tag_map_version_id  uuid         NOT NULL REFERENCES tag_map_versions (id) ON DELETE RESTRICT,
    issued_at           timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    payload_hash        bytea        NOT NULL,
    envelope            bytea        NOT NULL
);
CREATE UNIQUE INDEX ux_agent_config_envelopes_agent_id_version ON agent_config_envelopes (agent_id, version);
CREATE INDEX ix_agent_config_envelopes_tag_map_version_id ON agent_config_envelopes (tag_map_version_id);
CREATE INDEX ix_agent_config_envelopes_expires_at ON agent_config_envelopes (expires_at);

CREATE TABLE agent_config_states (
    agent_id          uuid          NOT NULL PRIMARY KEY REFERENCES agents (id) ON DELETE RESTRICT,
    applied_version   bigint,
    reported_version  bigint        NOT NULL,
    status            varchar(20)   NOT NULL,
    reason            varchar(1000),
    reported_at       timestamptz   NOT NULL
);
