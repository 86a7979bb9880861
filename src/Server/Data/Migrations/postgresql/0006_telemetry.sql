-- 0006 telemetry: the tag dictionary and the time-partitioned history of every UNS value.
-- One row per (tag, source timestamp): a QoS 1 redelivery of the same value is a conflict that the
-- writer skips (INSERT ... ON CONFLICT DO NOTHING), so history never holds duplicates.
CREATE TABLE telemetry_tags (
    id          integer       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path        varchar(1024) NOT NULL UNIQUE,
    unit        varchar(64)   NULL,
    source      varchar(256)  NULL,
    created_at  timestamptz   NOT NULL
);

-- telemetry.tag_id has no foreign key: the writer resolves every id from telemetry_tags, tags are
-- never deleted, and a per-row key check would slow bulk ingest for no gain.
-- With TimescaleDB installed in this database (CREATE EXTENSION done by the DBA), telemetry is a
-- hypertable with daily chunks; otherwise it is natively range-partitioned by day on source_ts,
-- and the server's maintenance service creates partitions ahead and drops expired ones.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        CREATE TABLE telemetry (
            tag_id      integer          NOT NULL,
            source_ts   timestamptz      NOT NULL,
            server_ts   timestamptz      NOT NULL,
            value_num   double precision NULL,
            value_bool  boolean          NULL,
            value_text  text             NULL,
            quality     smallint         NOT NULL,
            seq         bigint           NULL,
            PRIMARY KEY (tag_id, source_ts)
        );
        PERFORM create_hypertable('telemetry', 'source_ts', chunk_time_interval => interval '1 day');
    ELSE
        CREATE TABLE telemetry (
            tag_id      integer          NOT NULL,
            source_ts   timestamptz      NOT NULL,
            server_ts   timestamptz      NOT NULL,
            value_num   double precision NULL,
            value_bool  boolean          NULL,
            value_text  text             NULL,
            quality     smallint         NOT NULL,
            seq         bigint           NULL,
            PRIMARY KEY (tag_id, source_ts)
        ) PARTITION BY RANGE (source_ts);
    END IF;
END;
$$;
