using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Proxus.Server.Telemetry;

internal sealed partial class PostgresTelemetryStore
{
    // The tag's id is looked up first and passed as a value: planned with it, the range is one
    // ordered index scan on (tag_id, source_ts) of the day partitions it spans, with no sort; planned
    // with an unknown id (a sub-select), PostgreSQL guesses a few hundred rows and sorts a whole day
    // on disk.
    private const string TagIdQuery = "SELECT id FROM telemetry_tags WHERE path = @path";

    private const string RawQuery = """
        SELECT source_ts, value_num, value_bool, value_text, quality FROM telemetry
        WHERE tag_id = @tag AND source_ts >= @from AND source_ts < @to
        ORDER BY source_ts LIMIT @limit
        """;

    // Aggregates are folded here from the ordered range (BucketSeries): min, max, sum and count
    // cost nothing per row, and first/last need no per-bucket sort (array_agg ... ORDER BY took
    // most of the time of the SQL formulation, a hash or sort over date_bin the rest).
    private const string AggregateSourceQuery = """
        SELECT source_ts, value_num FROM telemetry
        WHERE tag_id = @tag AND source_ts >= @from AND source_ts < @to AND value_num IS NOT NULL AND quality = 0
        ORDER BY source_ts
        """;

    private const string LastValuesQuery = """
        SELECT g.path, g.unit, v.source_ts, v.server_ts, v.value_num, v.value_bool, v.value_text, v.quality
        FROM telemetry_tags g
        CROSS JOIN LATERAL (SELECT * FROM telemetry t WHERE t.tag_id = g.id ORDER BY t.source_ts DESC LIMIT 1) v
        """;

    public async IAsyncEnumerable<HistoryPoint> ReadRawAsync(string tag, DateTimeOffset from, DateTimeOffset to, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ReadTagIdAsync(connection, tag, cancellationToken) is not { } id)
        {
            yield break;
        }

        await using var command = RangeCommand(connection, RawQuery, id, from, to);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new HistoryPoint(tag, reader.GetFieldValue<DateTimeOffset>(0), ReadValue(reader, 1), ((TelemetryQuality)reader.GetInt16(4)).ToName());
        }
    }

    public async IAsyncEnumerable<HistoryBucket> ReadAggregatesAsync(string tag, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ReadTagIdAsync(connection, tag, cancellationToken) is not { } id)
        {
            yield break;
        }

        await using var command = RangeCommand(connection, AggregateSourceQuery, id, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var series = new BucketSeries(tag, from, bucket);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (series.Add(UnixMicroseconds.From(reader.GetFieldValue<DateTimeOffset>(0)), reader.GetDouble(1)) is { } closed)
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
        await using var command = dataSource.CreateCommand(LastValuesQuery);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<LastValue>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(new LastValue(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                ReadValue(reader, 4),
                ((TelemetryQuality)reader.GetInt16(7)).ToName(),
                reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return values;
    }

    private static async Task<int?> ReadTagIdAsync(NpgsqlConnection connection, string tag, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TagIdQuery, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("path", NpgsqlDbType.Varchar) { TypedValue = tag });
        return await command.ExecuteScalarAsync(cancellationToken) is int id ? id : null;
    }

    private static NpgsqlCommand RangeCommand(NpgsqlConnection connection, string sql, int tagId, DateTimeOffset from, DateTimeOffset to)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<int>("tag", NpgsqlDbType.Integer) { TypedValue = tagId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", NpgsqlDbType.TimestampTz) { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", NpgsqlDbType.TimestampTz) { TypedValue = to.ToUniversalTime() });
        return command;
    }

    /// <summary>The value columns <c>value_num, value_bool, value_text</c> starting at <paramref name="ordinal"/>.</summary>
    private static object? ReadValue(NpgsqlDataReader reader, int ordinal)
        => !reader.IsDBNull(ordinal) ? (object)reader.GetDouble(ordinal)
            : !reader.IsDBNull(ordinal + 1) ? (object)reader.GetBoolean(ordinal + 1)
            : reader.IsDBNull(ordinal + 2) ? null : reader.GetString(ordinal + 2);
}
