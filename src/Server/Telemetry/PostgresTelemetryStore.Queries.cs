using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Proxus.Server.Telemetry;

internal sealed partial class PostgresTelemetryStore
{
    private const string RawQuery = """
        SELECT source_ts, value_num, value_bool, value_text, quality FROM telemetry
        WHERE tag_id = (SELECT id FROM telemetry_tags WHERE path = @path) AND source_ts >= @from AND source_ts < @to
        ORDER BY source_ts LIMIT @limit
        """;

    private const string AggregateQuery = """
        SELECT date_bin(@bucket, source_ts, @from) AS bucket, min(value_num), max(value_num), avg(value_num),
               (array_agg(value_num ORDER BY source_ts))[1], (array_agg(value_num ORDER BY source_ts DESC))[1], count(*)
        FROM telemetry
        WHERE tag_id = (SELECT id FROM telemetry_tags WHERE path = @path) AND source_ts >= @from AND source_ts < @to
          AND value_num IS NOT NULL AND quality = 0
        GROUP BY 1 ORDER BY 1
        """;

    private const string LastValuesQuery = """
        SELECT g.path, g.unit, v.source_ts, v.server_ts, v.value_num, v.value_bool, v.value_text, v.quality
        FROM telemetry_tags g
        CROSS JOIN LATERAL (SELECT * FROM telemetry t WHERE t.tag_id = g.id ORDER BY t.source_ts DESC LIMIT 1) v
        """;

    public async IAsyncEnumerable<HistoryPoint> ReadRawAsync(string tag, DateTimeOffset from, DateTimeOffset to, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RawQuery);
        AddRange(command, tag, from, to);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new HistoryPoint(tag, reader.GetFieldValue<DateTimeOffset>(0), ReadValue(reader, 1), ((TelemetryQuality)reader.GetInt16(4)).ToName());
        }
    }

    public async IAsyncEnumerable<HistoryBucket> ReadAggregatesAsync(string tag, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AggregateQuery);
        AddRange(command, tag, from, to);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("bucket", NpgsqlDbType.Interval) { TypedValue = bucket });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new HistoryBucket(
                tag,
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetDouble(1),
                reader.GetDouble(2),
                reader.GetDouble(3),
                reader.GetDouble(4),
                reader.GetDouble(5),
                reader.GetInt64(6));
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

    private static void AddRange(NpgsqlCommand command, string tag, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("path", NpgsqlDbType.Varchar) { TypedValue = tag });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", NpgsqlDbType.TimestampTz) { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", NpgsqlDbType.TimestampTz) { TypedValue = to.ToUniversalTime() });
    }

    /// <summary>The value columns <c>value_num, value_bool, value_text</c> starting at <paramref name="ordinal"/>.</summary>
    private static object? ReadValue(NpgsqlDataReader reader, int ordinal)
        => !reader.IsDBNull(ordinal) ? (object)reader.GetDouble(ordinal)
            : !reader.IsDBNull(ordinal + 1) ? (object)reader.GetBoolean(ordinal + 1)
            : reader.IsDBNull(ordinal + 2) ? null : reader.GetString(ordinal + 2);
}
