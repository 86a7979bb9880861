using Microsoft.Extensions.Options;

namespace Proxus.Server.Configuration;

/// <summary>Periodically re-issues envelopes close to expiry and gives agents added later their first one.</summary>
internal sealed partial class AgentConfigRenewalService(
    AgentConfigService configs,
    IOptions<AgentConfigOptions> options,
    TimeProvider timeProvider,
    ILogger<AgentConfigRenewalService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewalCheckInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var issued = await configs.RenewDueAsync(stoppingToken);
                if (issued.Count > 0)
                {
                    LogIssued(logger, issued.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRenewalFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Issued {Count} agent configuration envelopes (renewals and agents without one)")]
    private static partial void LogIssued(ILogger logger, int count);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Renewing agent configurations failed; retrying at the next check")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}
