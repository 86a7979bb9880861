-- 0010 alerts: security alerts raised by the monitoring rules; at most one open per rule and subject.
CREATE TABLE alerts (
    id                   TEXT     NOT NULL PRIMARY KEY,
    rule                 TEXT     NOT NULL,
    severity             TEXT     NOT NULL,
    state                TEXT     NOT NULL,
    subject              TEXT     NOT NULL,
    source               TEXT,
    summary              TEXT     NOT NULL,
    details              TEXT     NOT NULL,
    count                INTEGER  NOT NULL,
    first_seen           INTEGER  NOT NULL,
    last_seen            INTEGER  NOT NULL,
    acknowledged_at      INTEGER,
    acknowledged_by      TEXT,
    acknowledge_comment  TEXT
);
CREATE INDEX ix_alerts_rule_subject_state ON alerts (rule, subject, state);
CREATE INDEX ix_alerts_last_seen ON alerts (last_seen);
CREATE UNIQUE INDEX ux_alerts_open_rule_subject ON alerts (rule, subject) WHERE state = 'Open';
