using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Proxus.TestSupport;

namespace Proxus.Bench.Ingest;

/// <summary>
/// The reference: the same rows, exported from <c>telemetry</c>, loaded back into the same
/// (emptied) table — same partitions, primary key and indexes — by <c>psql \copy</c>.
/// </summary>
public static class RawCopy
{
    private const string Columns = "tag_id, source_ts, server_ts, value_num, value_bool, value_text, quality, seq";

    /// <summary>
    /// Exports the rows, empties the table, and times psql's COPY of them; returns the rows loaded,
    /// the seconds, and the CPU seconds PostgreSQL (all backends) and psql used meanwhile.
    /// </summary>
    public static async Task<(long Rows, double Seconds, double PostgresCpu, double PsqlCpu)> RunAsync(NpgsqlDataSource database, PostgresServer server, string databaseName, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"proxus-bench-ingest-{Guid.NewGuid():N}.copy");
        try
        {
            await PsqlAsync(server, databaseName, $"\\copy (SELECT {Columns} FROM telemetry) TO '{file}'");
            await Measurements.ExecuteAsync(database, "TRUNCATE telemetry", cancellationToken);
            await Measurements.ExecuteAsync(database, "CHECKPOINT", cancellationToken);
            var (postgresBefore, psqlBefore) = (CpuTime.Of(server.ProcessId), CpuTime.OfEndedChildren());
            var stopwatch = Stopwatch.StartNew();
            await PsqlAsync(server, databaseName, $"\\copy telemetry ({Columns}) FROM '{file}'");
            var seconds = stopwatch.Elapsed.TotalSeconds;
            var (postgresCpu, psqlCpu) = (CpuTime.Of(server.ProcessId) - postgresBefore, CpuTime.OfEndedChildren() - psqlBefore);
            return (await Measurements.CountAsync(database, cancellationToken), seconds, postgresCpu, psqlCpu);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task PsqlAsync(PostgresServer server, string databaseName, string command)
    {
        string[] arguments = ["-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", databaseName, "-v", "ON_ERROR_STOP=1", "-q", "-c", command];
        var psql = await ExternalProcess.RunAsync(Path.Combine(PostgresServer.BinDirectory, "psql"), arguments, TimeSpan.FromMinutes(5));
        if (psql.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed ({psql.ExitCode}): {psql.StandardError}");
        }
    }
}
