using System.Buffers;
using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace Proxus.Server.Telemetry;

/// <summary>
/// History on PostgreSQL. A batch goes by binary COPY (encoded by <see cref="TelemetryCopyEncoder"/>) straight into <c>telemetry</c>, in one
/// transaction. COPY cannot skip the duplicates a QoS 1 redelivery brings: when the unique key
/// refuses one, the transaction rolls back and the batch goes again by binary COPY into a session
/// temporary staging table and from there by <c>INSERT ... ON CONFLICT DO NOTHING</c>, which skips
/// them; the writer stays on that path until a batch holds no duplicate (redeliveries come in runs,
/// after a reconnection). The writer keeps one dedicated connection (with its staging table); any
/// other failure discards it, it is never reused out of step.
/// </summary>
internal sealed partial class PostgresTelemetryStore(NpgsqlDataSource dataSource, TelemetryOptions options, TimeProvider timeProvider) : ITelemetryStore
{
    /// <summary>Serializes partition DDL across server nodes (transaction-scoped advisory lock).</summary>
    internal const long PartitionLockKey = 0x5052_5855_0008;

    private const string CreateStaging = """
        CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (
            tag_id integer NOT NULL, source_ts timestamptz NOT NULL, server_ts timestamptz NOT NULL,
            value_num double precision, value_bool boolean, value_text text, quality smallint NOT NULL, seq bigint
        ) ON COMMIT DELETE ROWS
        """;

    private const string CopyStaging = "COPY telemetry_staging " + TelemetryCopyEncoder.Columns + " FROM STDIN (FORMAT BINARY)";

    private const string CopyDirect = "COPY telemetry " + TelemetryCopyEncoder.Columns + " FROM STDIN (FORMAT BINARY)";

    /// <summary>The encoded batch goes to the server whenever this much is buffered (and at its end).</summary>
    private const int CopyChunkBytes = 256 * 1024;

    private const string InsertFromStaging = """
        INSERT INTO telemetry (tag_id, source_ts, server_ts, value_num, value_bool, value_text, quality, seq)
        SELECT tag_id, source_ts, server_ts, value_num, value_bool, value_text, quality, seq FROM telemetry_staging
        ON CONFLICT (tag_id, source_ts) DO NOTHING
        """;

    private const string UpsertTags = """
        INSERT INTO telemetry_tags (path, unit, source, created_at)
        SELECT path, unit, source, @now FROM unnest(@paths, @units, @sources) AS t(path, unit, source)
        ON CONFLICT (path) DO UPDATE SET unit = coalesce(excluded.unit, telemetry_tags.unit), source = coalesce(excluded.source, telemetry_tags.source)
        RETURNING id, path, unit, source
        """;

    private readonly TagDictionary _tags = new();
    private readonly ArrayBufferWriter<byte> _copyBuffer = new(CopyChunkBytes + TelemetryCopyEncoder.MaxFixedRowBytes);
    private readonly ConcurrentDictionary<DateOnly, bool> _partitions = new();
    private NpgsqlConnection? _writer;
    private PostgresTelemetryLayout _layout;
    private bool _expectDuplicates;

    public async Task<int> WriteAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        try
        {
            var connection = await OpenWriterAsync(cancellationToken);
            await ResolveTagsAsync(connection, points, cancellationToken);
            if (_layout == PostgresTelemetryLayout.NativePartitions)
            {
                foreach (var day in points.Select(point => DateOnly.FromDateTime(point.SourceTimestamp.UtcDateTime)).Distinct())
                {
                    if (!_partitions.ContainsKey(day))
                    {
                        await CreatePartitionAsync(connection, day, cancellationToken);
                    }
                }
            }

            if (!_expectDuplicates)
            {
                if (await TryCopyDirectAsync(connection, points, cancellationToken))
                {
                    return points.Count;
                }

                _expectDuplicates = true;
            }

            var inserted = await CopyDeduplicatedAsync(connection, points, cancellationToken);
            _expectDuplicates = inserted < points.Count;
            return inserted;
        }
        catch (Exception e) when (e is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // A write canceled midway breaks Npgsql's connection, and ending the COPY on it then fails
            // with that (ObjectDisposedException): the cause is the cancellation, and is reported as such.
            await DiscardWriterAsync();
            throw new OperationCanceledException("The batch write was canceled.", e, cancellationToken);
        }
        catch
        {
            await DiscardWriterAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DiscardWriterAsync();
        await dataSource.DisposeAsync();
    }

    /// <summary>COPY into <c>telemetry</c> itself; false (rolled back) when a row is already stored.</summary>
    private async Task<bool> TryCopyDirectAsync(NpgsqlConnection connection, IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await CopyAsync(connection, CopyDirect, points, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>COPY into the staging table, then insert what is not stored yet; returns the rows inserted.</summary>
    private async Task<int> CopyDeduplicatedAsync(NpgsqlConnection connection, IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CopyAsync(connection, CopyStaging, points, cancellationToken);
        await using var insert = new NpgsqlCommand(InsertFromStaging, connection, transaction);
        var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>
    /// Sends the batch by raw binary COPY, encoded by <see cref="TelemetryCopyEncoder"/> into one
    /// reused buffer and written in chunks of <see cref="CopyChunkBytes"/>.
    /// </summary>
    private async Task CopyAsync(NpgsqlConnection connection, string copy, IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        var buffer = _copyBuffer;
        buffer.ResetWrittenCount();
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy, cancellationToken);
        try
        {
            TelemetryCopyEncoder.WriteHeader(buffer);
            foreach (var point in points)
            {
                TelemetryCopyEncoder.WriteRow(buffer, _tags.Id(point.Path), point);
                if (buffer.WrittenCount >= CopyChunkBytes)
                {
                    await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
                    buffer.ResetWrittenCount();
                }
            }

            TelemetryCopyEncoder.WriteTrailer(buffer);
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
        catch
        {
            // Never let a partial batch end as a complete COPY.
            await stream.CancelAsync();
            throw;
        }
        finally
        {
            buffer.ResetWrittenCount();
        }
    }

    private async Task<NpgsqlConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            _layout = await DetectLayoutAsync(connection, cancellationToken);
            await using var command = new NpgsqlCommand(CreateStaging, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _writer = connection;
        return connection;
    }

    private async Task DiscardWriterAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.DisposeAsync();
        }
    }

    private async Task ResolveTagsAsync(NpgsqlConnection connection, IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        var pending = _tags.Pending(points);
        if (pending.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(UpsertTags, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = Data.Timestamps.Now(timeProvider) });
        command.Parameters.Add(new NpgsqlParameter<string[]>("paths", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = pending.Select(tag => tag.Path).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("units", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = pending.Select(tag => tag.Unit).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("sources", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = pending.Select(tag => tag.Source).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _tags.Set(reader.GetString(1), new TagEntry(reader.GetInt32(0), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
    }
}
