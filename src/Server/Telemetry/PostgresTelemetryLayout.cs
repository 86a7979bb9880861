namespace Proxus.Server.Telemetry;

/// <summary>How <c>telemetry</c> is partitioned on PostgreSQL (decided by migration 0006).</summary>
internal enum PostgresTelemetryLayout
{
    /// <summary>Declarative range partitions per UTC day, created and dropped by the server.</summary>
    NativePartitions,

    /// <summary>A TimescaleDB hypertable with daily chunks; retention by <c>drop_chunks</c>.</summary>
    Hypertable,
}
