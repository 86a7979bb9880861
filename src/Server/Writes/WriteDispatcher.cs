using Microsoft.Extensions.Options;

namespace Proxus.Server.Writes;

/// <summary>Runs <see cref="WriteRequestService.SweepAsync"/> every sweep interval, and at once after an approval.</summary>
internal sealed partial class WriteDispatcher(WriteRequestService writes, IOptions<WriteOptions> options, ILogger<WriteDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await writes.SweepAsync(stoppingToken);
                await writes.WaitForWakeAsync(options.Value.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Audit.AuditUnavailableException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogSweepFailed(logger, e);
                await Task.Delay(options.Value.SweepInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(EventId = 9010, Level = LogLevel.Error, Message = "The write dispatcher's sweep failed; it retries")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
