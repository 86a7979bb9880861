using Npgsql;

namespace Proxus.Bench.Ingest;

/// <summary>Row counts and timings against the benchmark database.</summary>
public static class Measurements
{
    public static async Task<long> CountAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT COUNT(*) FROM telemetry");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The server has not run its migrations yet.
            return 0;
        }
    }

    public static async Task ExecuteAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    public static double Percentile(List<double> values, double percentile)
    {
        values.Sort();
        return values[(int)Math.Min(values.Count - 1, Math.Ceiling(percentile * values.Count) - 1)];
    }
}
