namespace Proxus.Server.Telemetry;

internal sealed partial class SqliteTelemetryStore
{
    private const string DeleteChunk = """
        DELETE FROM telemetry WHERE (tag_id, source_ts) IN
            (SELECT tag_id, source_ts FROM telemetry WHERE source_ts < $cutoff LIMIT $chunk)
        """;

    /// <summary>
    /// SQLite has no partitions: retention deletes old rows in chunks of
    /// <see cref="TelemetryOptions.RetentionDeleteChunk"/>, one short transaction each, so that
    /// ingest is never blocked for long.
    /// </summary>
    public async Task<MaintenanceResult> MaintainAsync(DateTimeOffset now, DateTimeOffset? retentionCutoff, CancellationToken cancellationToken)
    {
        if (retentionCutoff is not { } cutoff)
        {
            return new MaintenanceResult(0, 0, 0);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = DeleteChunk;
        command.Parameters.AddWithValue("$cutoff", UnixMicroseconds.From(cutoff));
        command.Parameters.AddWithValue("$chunk", deleteChunk);
        long deleted = 0;
        int affected;
        do
        {
            affected = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += affected;
        }
        while (affected > 0);

        return new MaintenanceResult(0, 0, deleted);
    }
}
