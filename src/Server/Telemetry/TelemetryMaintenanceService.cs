using Microsoft.Extensions.Options;

namespace Proxus.Server.Telemetry;

/// <summary>
/// At start and then every <see cref="TelemetryOptions.MaintenanceInterval"/>: creates the daily
/// partitions ahead (PostgreSQL) and applies retention (drop partitions or chunks on PostgreSQL,
/// chunked DELETE on SQLite). Several server nodes may run it at once: partition DDL is serialized
/// by an advisory lock and every step is idempotent.
/// </summary>
internal sealed partial class TelemetryMaintenanceService(
    ITelemetryStore store,
    IOptions<TelemetryOptions> options,
    TimeProvider timeProvider,
    ILogger<TelemetryMaintenanceService> logger) : BackgroundService
{
    /// <summary>One pass, now.</summary>
    public async Task<MaintenanceResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var result = await store.MaintainAsync(now, options.Value.RetentionCutoff(now), cancellationToken);
        if (result.PartitionsCreated + result.PartitionsDropped + result.RowsDeleted > 0)
        {
            LogMaintained(logger, result.PartitionsCreated, result.PartitionsDropped, result.RowsDeleted);
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, timeProvider);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogMaintenanceFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "Telemetry maintenance: {Created} partitions created, {Dropped} dropped, {Deleted} rows deleted")]
    private static partial void LogMaintained(ILogger logger, int created, int dropped, long deleted);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Error, Message = "Telemetry maintenance failed; retrying at the next interval")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}
