namespace Proxus.Server.Configuration;

/// <summary>
/// Hands committed envelopes to every <see cref="IConfigChangeNotifier"/>; a failing notifier is logged
/// and skipped. Counts each envelope as issued and each notification by outcome (<see cref="AgentConfigMetrics"/>).
/// </summary>
public sealed partial class ConfigChangeNotifications(IEnumerable<IConfigChangeNotifier> notifiers, AgentConfigMetrics metrics, ILogger<ConfigChangeNotifications> logger)
{
    private readonly IConfigChangeNotifier[] _notifiers = [.. notifiers];

    internal async Task NotifyAsync(IReadOnlyList<IssuedAgentConfig> issued, CancellationToken cancellationToken)
    {
        foreach (var config in issued)
        {
            metrics.Issued(config);
            foreach (var notifier in _notifiers)
            {
                try
                {
                    await notifier.ConfigurationIssuedAsync(config, cancellationToken);
                    metrics.Notified(sent: true);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    metrics.Notified(sent: false);
                    LogNotifierFailed(logger, e, notifier.GetType().Name, config.AgentId, config.Version);
                }
            }
        }
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Notifier {Notifier} failed for configuration version {Version} of agent {AgentId}; the agent gets it at its next poll")]
    private static partial void LogNotifierFailed(ILogger logger, Exception exception, string notifier, Guid agentId, long version);
}
