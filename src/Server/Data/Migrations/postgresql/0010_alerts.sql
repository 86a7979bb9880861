-- 0010 alerts: security alerts raised by the monitoring rules; at most one open per rule and subject.
CREATE TABLE alerts (
    id                   uuid           NOT NULL PRIMARY KEY,
    rule                 varchar(64)    NOT NULL,
    severity             varchar(20)    NOT NULL,
    state                varchar(20)    NOT NULL,
    subject              varchar(512)   NOT NULL,
    source               varchar(256),
    summary              varchar(1000)  NOT NULL,
    details              varchar(8000)  NOT NULL,
    count                bigint         NOT NULL,
    first_seen           timestamptz    NOT NULL,
    last_seen            timestamptz    NOT NULL,
    acknowledged_at      timestamptz,
    acknowledged_by      varchar(256),
    acknowledge_comment  varchar(1000)
);
CREATE INDEX ix_alerts_rule_subject_state ON alerts (rule, subject, state);
CREATE INDEX ix_alerts_last_seen ON alerts (last_seen);
CREATE UNIQUE INDEX ux_alerts_open_rule_subject ON alerts (rule, subject) WHERE state = 'Open';
