using Microsoft.Data.Sqlite;

namespace Proxus.Server.Telemetry;

/// <summary>
/// History in the embedded SQLite database: a batch is one IMMEDIATE transaction of prepared
/// <c>INSERT OR IGNORE</c> statements (a redelivered value is ignored by the primary key).
/// Timestamps are microseconds since the Unix epoch.
/// </summary>
internal sealed partial class SqliteTelemetryStore(string connectionString, int deleteChunk, TimeProvider timeProvider) : ITelemetryStore
{
    private const string InsertRow = """
        INSERT OR IGNORE INTO telemetry (tag_id, source_ts, server_ts, value_num, value_bool, value_text, quality, seq)
        VALUES ($tag, $source_ts, $server_ts, $num, $bool, $text, $quality, $seq)
        """;

    private const string UpsertTag = """
        INSERT INTO telemetry_tags (path, unit, source, created_at) VALUES ($path, $unit, $source, $now)
        ON CONFLICT (path) DO UPDATE SET unit = coalesce(excluded.unit, unit), source = coalesce(excluded.source, source)
        RETURNING id, unit, source
        """;

    private readonly TagDictionary _tags = new();

    public async Task<int> WriteAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await ResolveTagsAsync(connection, points, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertRow;
        var tag = insert.Parameters.Add("$tag", SqliteType.Integer);
        var sourceTs = insert.Parameters.Add("$source_ts", SqliteType.Integer);
        var serverTs = insert.Parameters.Add("$server_ts", SqliteType.Integer);
        var number = insert.Parameters.Add("$num", SqliteType.Real);
        var boolean = insert.Parameters.Add("$bool", SqliteType.Integer);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        var quality = insert.Parameters.Add("$quality", SqliteType.Integer);
        var sequence = insert.Parameters.Add("$seq", SqliteType.Integer);
        insert.Prepare();
        var inserted = 0;
        foreach (var point in points)
        {
            tag.Value = _tags.Id(point.Path);
            sourceTs.Value = UnixMicroseconds.From(point.SourceTimestamp);
            serverTs.Value = UnixMicroseconds.From(point.ServerTimestamp);
            number.Value = point.Number is { } n ? n : DBNull.Value;
            boolean.Value = point.Boolean is { } b ? (b ? 1 : 0) : DBNull.Value;
            text.Value = point.Text is { } t ? t : DBNull.Value;
            quality.Value = (int)point.Quality;
            sequence.Value = point.Sequence is { } s ? s : DBNull.Value;
            inserted += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    private async Task ResolveTagsAsync(SqliteConnection connection, IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        var pending = _tags.Pending(points);
        if (pending.Count == 0)
        {
            return;
        }

        var resolved = new List<(string Path, TagEntry Entry)>(pending.Count);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = UpsertTag;
            var path = command.Parameters.Add("$path", SqliteType.Text);
            var unit = command.Parameters.Add("$unit", SqliteType.Text);
            var source = command.Parameters.Add("$source", SqliteType.Text);
            command.Parameters.AddWithValue("$now", UnixMicroseconds.From(Data.Timestamps.Now(timeProvider)));
            foreach (var tag in pending)
            {
                path.Value = tag.Path;
                unit.Value = (object?)tag.Unit ?? DBNull.Value;
                source.Value = (object?)tag.Source ?? DBNull.Value;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                resolved.Add((tag.Path, new TagEntry(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Only after the commit: a rolled-back id must never be cached.
        foreach (var (path, entry) in resolved)
        {
            _tags.Set(path, entry);
        }
    }
}
