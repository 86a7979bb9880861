namespace Proxus.Server.Telemetry;

/// <summary>What one maintenance pass did.</summary>
/// <param name="PartitionsCreated">PostgreSQL: daily partitions created ahead.</param>
/// <param name="PartitionsDropped">PostgreSQL: partitions (or TimescaleDB chunks) dropped by retention.</param>
/// <param name="RowsDeleted">SQLite: rows deleted by retention.</param>
public sealed record MaintenanceResult(int PartitionsCreated, int PartitionsDropped, long RowsDeleted);
