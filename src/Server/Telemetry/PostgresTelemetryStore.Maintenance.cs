using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Proxus.Server.Telemetry;

internal sealed partial class PostgresTelemetryStore
{
    private const string PartitionPrefix = "telemetry_p";

    public async Task<MaintenanceResult> MaintainAsync(DateTimeOffset now, DateTimeOffset? retentionCutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var layout = await DetectLayoutAsync(connection, cancellationToken);
        if (layout == PostgresTelemetryLayout.Hypertable)
        {
            var chunks = 0;
            if (retentionCutoff is { } cutoff)
            {
                await using var command = new NpgsqlCommand("SELECT count(*)::integer FROM drop_chunks('telemetry', older_than => @cutoff)", connection);
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", NpgsqlDbType.TimestampTz) { TypedValue = cutoff });
                chunks = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            }

            return new MaintenanceResult(0, chunks, 0);
        }

        var existing = await ReadPartitionsAsync(connection, cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var created = 0;
        for (var day = today; day <= today.AddDays(options.PartitionsAhead); day = day.AddDays(1))
        {
            if (!existing.Contains(day))
            {
                await CreatePartitionAsync(connection, day, cancellationToken);
                created++;
            }
        }

        var dropped = 0;
        if (retentionCutoff is { } retention)
        {
            // A partition goes when all of its day lies before the cutoff.
            foreach (var day in existing.Where(day => new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) <= retention).Order())
            {
                _partitions.TryRemove(day, out _);
                await using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS {PartitionName(day)}", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                dropped++;
            }
        }

        return new MaintenanceResult(created, dropped, 0);
    }

    private static string PartitionName(DateOnly day) => PartitionPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static async Task<PostgresTelemetryLayout> DetectLayoutAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'telemetry'::regclass)", connection);
        var partitioned = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        return partitioned ? PostgresTelemetryLayout.NativePartitions : PostgresTelemetryLayout.Hypertable;
    }

    private async Task<HashSet<DateOnly>> ReadPartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telemetry'::regclass", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new HashSet<DateOnly>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (name.StartsWith(PartitionPrefix, StringComparison.Ordinal)
                && DateOnly.TryParseExact(name.AsSpan(PartitionPrefix.Length), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
                _partitions[day] = true;
            }
        }

        return days;
    }

    /// <summary>Creates the partition of one UTC day unless it exists, under an advisory lock shared by all server nodes.</summary>
    private async Task CreatePartitionAsync(NpgsqlConnection connection, DateOnly day, CancellationToken cancellationToken)
    {
        var from = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("key", NpgsqlDbType.Bigint) { TypedValue = PartitionLockKey });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {PartitionName(day)} PARTITION OF telemetry FOR VALUES FROM ('{from} 00:00:00+00') TO ('{to} 00:00:00+00')",
            connection,
            transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _partitions[day] = true;
    }
}
