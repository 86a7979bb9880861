using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Proxus.Server.Api;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Turns security events and periodic checks into stored, forwarded alerts. Events are queued
/// (bounded, never blocking the component that raised them) and judged one at a time by
/// <see cref="SecurityEventRules"/>; every <see cref="MonitoringOptions.EvaluationInterval"/> the
/// condition rules run (offline agents, certificates near expiry, publish rates). Each candidate is
/// stored first (<see cref="AlertStore"/>) and a new alert is then handed to the forwarders, so a
/// forwarding failure never loses or delays an alert in the store. A store failure is retried.
/// </summary>
internal sealed partial class AlertEngine(
    IOptions<MonitoringOptions> options,
    AlertStore store,
    IAgentDirectory agents,
    IAgentPresenceSource presence,
    CertificateExpiryRule certificates,
    PublishRateMonitor rates,
    IEnumerable<IAlertForwarder> forwarders,
    TimeProvider timeProvider,
    ILogger<AlertEngine> logger) : BackgroundService, ISecurityEventSink
{
    public const int Capacity = 4096;

    private static readonly TimeSpan[] StoreRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly Channel<SecurityEvent> _events = Channel.CreateBounded<SecurityEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly SemaphoreSlim _raising = new(1, 1);
    private long _dropped;

    /// <summary>Events not judged because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Raise(SecurityEvent securityEvent)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        // One spelling per client: ::ffff:10.0.0.5 (a dual-stack socket) and 10.0.0.5 count as one source.
        var stamped = securityEvent with { OccurredAt = securityEvent.OccurredAt ?? timeProvider.GetUtcNow(), Source = ClientAddress.Normalize(securityEvent.Source) };
        if (!_events.Writer.TryWrite(stamped) && Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            LogDropped(logger, Interlocked.Read(ref _dropped));
        }
    }

    /// <summary>Runs the condition rules once, now (what the periodic loop does at each interval).</summary>
    public async Task EvaluateConditionsAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var rules = options.Value.Rules;
        var candidates = new List<AlertCandidate>();
        candidates.AddRange(AgentOfflineRule.Evaluate(presence.Snapshot(), rules, now));
        candidates.AddRange(rates.Sample(now, rules));
        candidates.AddRange(await certificates.EvaluateAsync(now, cancellationToken));
        foreach (var candidate in candidates)
        {
            await RaiseAsync(candidate, cancellationToken);
        }
    }

    public override void Dispose()
    {
        _raising.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(JudgeEventsAsync(stoppingToken), EvaluatePeriodicallyAsync(stoppingToken));

    private async Task JudgeEventsAsync(CancellationToken stoppingToken)
    {
        var rules = new SecurityEventRules(options.Value.Rules, agents);
        try
        {
            await foreach (var securityEvent in _events.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    foreach (var candidate in await rules.EvaluateAsync(securityEvent, stoppingToken))
                    {
                        await RaiseAsync(candidate, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogEventFailed(logger, e, securityEvent.Type, securityEvent.Subject);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task EvaluatePeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, timeProvider);
        try
        {
            // The first tick starts the publish-rate clock; later ticks judge the intervals since.
            do
            {
                try
                {
                    await EvaluateConditionsAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogEvaluationFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RaiseAsync(AlertCandidate candidate, CancellationToken cancellationToken)
    {
        // One candidate at a time: the event loop and the periodic loop share the store.
        await _raising.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (await store.RaiseAsync(candidate, cancellationToken) is { } alert)
                    {
                        LogRaised(logger, alert.Rule, alert.Severity, alert.Subject, alert.Id);
                        foreach (var forwarder in forwarders)
                        {
                            forwarder.Enqueue(alert);
                        }
                    }

                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException && attempt < StoreRetryDelays.Length)
                {
                    LogStoreRetry(logger, e, candidate.Rule, candidate.Subject);
                    await Task.Delay(StoreRetryDelays[attempt], timeProvider, cancellationToken);
                }
            }
        }
        finally
        {
            _raising.Release();
        }
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning, Message = "Alert {Rule} ({Severity}) raised for {Subject}: {AlertId}")]
    private static partial void LogRaised(ILogger logger, string rule, AlertSeverity severity, string subject, Guid alertId);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "The security event queue is full: {Count} events were not judged")]
    private static partial void LogDropped(ILogger logger, long count);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Error, Message = "Judging security event {Type} for {Subject} failed")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, SecurityEventType type, string subject);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Error, Message = "Evaluating the condition rules failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7024, Level = LogLevel.Warning, Message = "Storing alert {Rule} for {Subject} failed; retrying")]
    private static partial void LogStoreRetry(ILogger logger, Exception exception, string rule, string subject);
}
