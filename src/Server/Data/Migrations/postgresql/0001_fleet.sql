-- 0001 fleet: sites and their agents.
CREATE TABLE sites (
    id          uuid         NOT NULL PRIMARY KEY,
    name        varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX ux_sites_name ON sites (name);

CREATE TABLE agents (
    id          uuid         NOT NULL PRIMARY KEY,
    site_id     uuid         NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    name        varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX ux_agents_site_id_name ON agents (site_id, name);
