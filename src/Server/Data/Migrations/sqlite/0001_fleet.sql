-- 0001 fleet: sites and their agents.
CREATE TABLE sites (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_sites_name ON sites (name);

CREATE TABLE agents (
    id          TEXT    NOT NULL PRIMARY KEY,
    site_id     TEXT    NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_agents_site_id_name ON agents (site_id, name);
