using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Proxus.Server.Telemetry;

internal sealed partial class SqliteTelemetryStore
{
    private const string RangeFilter = "tag_id = (SELECT id FROM telemetry_tags WHERE path = $path) AND source_ts >= $from AND source_ts < $to";

    private const string LastValuesQuery = """
        SELECT g.path, g.unit, t.source_ts, t.server_ts, t.value_num, t.value_bool, t.value_text, t.quality
        FROM telemetry_tags g
        JOIN telemetry t ON t.tag_id = g.id AND t.source_ts = (SELECT max(source_ts) FROM telemetry WHERE tag_id = g.id)
        """;

    public async IAsyncEnumerable<HistoryPoint> ReadRawAsync(string tag, DateTimeOffset from, DateTimeOffset to, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = RangeCommand(connection, $"SELECT source_ts, value_num, value_bool, value_text, quality FROM telemetry WHERE {RangeFilter} ORDER BY source_ts LIMIT $limit", tag, from, to);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new HistoryPoint(tag, UnixMicroseconds.To(reader.GetInt64(0)), ReadValue(reader, 1), ((TelemetryQuality)reader.GetInt16(4)).ToName());
        }
    }

    /// <summary>SQLite has no <c>date_bin</c> nor first/last aggregates: one ordered pass folds the rows into buckets.</summary>
    public async IAsyncEnumerable<HistoryBucket> ReadAggregatesAsync(string tag, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = RangeCommand(connection, $"SELECT source_ts, value_num FROM telemetry WHERE {RangeFilter} AND value_num IS NOT NULL AND quality = 0 ORDER BY source_ts", tag, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var series = new BucketSeries(tag, from, bucket);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (series.Add(reader.GetInt64(0), reader.GetDouble(1)) is { } closed)
            {
                yield return closed;
            }
        }

        if (series.Finish() is { } last)
        {
            yield return last;
        }
    }

    public async Task<IReadOnlyList<LastValue>> ReadLastValuesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = LastValuesQuery;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<LastValue>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(new LastValue(
                reader.GetString(0),
                UnixMicroseconds.To(reader.GetInt64(2)),
                UnixMicroseconds.To(reader.GetInt64(3)),
                ReadValue(reader, 4),
                ((TelemetryQuality)reader.GetInt16(7)).ToName(),
                reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return values;
    }

    private static SqliteCommand RangeCommand(SqliteConnection connection, string sql, string tag, DateTimeOffset from, DateTimeOffset to)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$path", tag);
        command.Parameters.AddWithValue("$from", UnixMicroseconds.From(from));
        command.Parameters.AddWithValue("$to", UnixMicroseconds.From(to));
        return command;
    }

    /// <summary>The value columns <c>value_num, value_bool, value_text</c> starting at <paramref name="ordinal"/>.</summary>
    private static object? ReadValue(SqliteDataReader reader, int ordinal)
        => !reader.IsDBNull(ordinal) ? (object)reader.GetDouble(ordinal)
            : !reader.IsDBNull(ordinal + 1) ? (object)(reader.GetInt64(ordinal + 1) != 0)
            : reader.IsDBNull(ordinal + 2) ? null : reader.GetString(ordinal + 2);
}
