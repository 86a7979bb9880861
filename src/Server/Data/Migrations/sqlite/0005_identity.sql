-- 0005 identity: ASP.NET Core Identity users and roles, OtEngineer site assignments, OAuth2 machine clients.
CREATE TABLE users (
    id                      TEXT    NOT NULL PRIMARY KEY,
    user_name               TEXT,
    normalized_user_name    TEXT,
    email                   TEXT,
    normalized_email        TEXT,
    email_confirmed         INTEGER NOT NULL,
    password_hash           TEXT,
    security_stamp          TEXT,
    concurrency_stamp       TEXT,
    phone_number            TEXT,
    phone_number_confirmed  INTEGER NOT NULL,
    two_factor_enabled      INTEGER NOT NULL,
    lockout_end             INTEGER,
    lockout_enabled         INTEGER NOT NULL,
    access_failed_count     INTEGER NOT NULL,
    must_change_password    INTEGER NOT NULL,
    is_disabled             INTEGER NOT NULL,
    created_at              INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_users_normalized_user_name ON users (normalized_user_name);
CREATE INDEX ix_users_normalized_email ON users (normalized_email);

CREATE TABLE roles (
    id                 TEXT NOT NULL PRIMARY KEY,
    name               TEXT,
    normalized_name    TEXT,
    concurrency_stamp  TEXT
);
CREATE UNIQUE INDEX ux_roles_normalized_name ON roles (normalized_name);

CREATE TABLE user_roles (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id  TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX ix_user_roles_role_id ON user_roles (role_id);

CREATE TABLE user_claims (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    claim_type   TEXT,
    claim_value  TEXT
);
CREATE INDEX ix_user_claims_user_id ON user_claims (user_id);

CREATE TABLE role_claims (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    role_id      TEXT    NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    claim_type   TEXT,
    claim_value  TEXT
);
CREATE INDEX ix_role_claims_role_id ON role_claims (role_id);

CREATE TABLE user_logins (
    login_provider         TEXT NOT NULL,
    provider_key           TEXT NOT NULL,
    provider_display_name  TEXT,
    user_id                TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (login_provider, provider_key)
);
CREATE INDEX ix_user_logins_user_id ON user_logins (user_id);

CREATE TABLE user_tokens (
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    login_provider  TEXT NOT NULL,
    name            TEXT NOT NULL,
    value           TEXT,
    PRIMARY KEY (user_id, login_provider, name)
);

CREATE TABLE user_sites (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    site_id  TEXT NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    PRIMARY KEY (user_id, site_id)
);
CREATE INDEX ix_user_sites_site_id ON user_sites (site_id);

CREATE TABLE machine_clients (
    id              TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    scopes          TEXT    NOT NULL,
    secret_hash     BLOB    NOT NULL,
    secret_version  INTEGER NOT NULL,
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    revoked_at      INTEGER
);

-- The fixed roles (ids are digits only, so that their text form is the same in any letter case).
INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
    ('00000000-0000-4000-8000-000000000001', 'Admin',      'ADMIN',      '00000000-0000-4000-8000-000000000001'),
    ('00000000-0000-4000-8000-000000000002', 'OtEngineer', 'OTENGINEER', '00000000-0000-4000-8000-000000000002'),
    ('00000000-0000-4000-8000-000000000003', 'Approver',   'APPROVER',   '00000000-0000-4000-8000-000000000003'),
    ('00000000-0000-4000-8000-000000000004', 'Auditor',    'AUDITOR',    '00000000-0000-4000-8000-000000000004'),
    ('00000000-0000-4000-8000-000000000005', 'Viewer',     'VIEWER',     '00000000-0000-4000-8000-000000000005');
