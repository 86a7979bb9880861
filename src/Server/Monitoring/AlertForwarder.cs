using System.Threading.Channels;

namespace Proxus.Server.Monitoring;

/// <summary>
/// The queue and retry loop shared by the forwarders. Alerts wait in a bounded queue (an alert that
/// finds it full is not forwarded, counted and logged: it stays in the store either way),
/// and each is attempted up to <c>maxAttempts</c> times with exponential backoff before it is given up.
/// </summary>
internal abstract partial class AlertForwarder(ILogger logger) : BackgroundService, IAlertForwarder
{
    public const int Capacity = 1024;

    private readonly Channel<Alert> _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _dropped;

    /// <summary>Alerts dropped from a full queue.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    protected abstract string Name { get; }

    protected abstract bool IsEnabled { get; }

    protected abstract int MaxAttempts { get; }

    protected abstract TimeSpan InitialBackoff { get; }

    protected abstract TimeSpan MaxBackoff { get; }

    protected TimeProvider Clock { get; init; } = TimeProvider.System;

    public void Enqueue(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (IsEnabled && !_queue.Writer.TryWrite(alert))
        {
            Interlocked.Increment(ref _dropped);
            LogDropped(logger, Name, alert.Id);
        }
    }

    protected abstract Task SendAsync(Alert alert, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(alert, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: alerts still queued are in the store.
        }
    }

    private async Task DeliverAsync(Alert alert, CancellationToken stoppingToken)
    {
        var backoff = InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendAsync(alert, stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= MaxAttempts)
                {
                    LogGaveUp(logger, e, Name, alert.Id, attempt);
                    return;
                }

                LogRetrying(logger, Name, alert.Id, attempt, backoff, e.Message);
            }

            await Task.Delay(backoff, Clock, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Forwarding alert {AlertId} to {Forwarder} failed (attempt {Attempt}); retrying in {Backoff}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string forwarder, Guid alertId, int attempt, TimeSpan backoff, string error);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Gave up forwarding alert {AlertId} to {Forwarder} after {Attempts} attempts; it stays in the alert store")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string forwarder, Guid alertId, int attempts);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "The {Forwarder} queue is full: alert {AlertId} is not forwarded (it stays in the alert store)")]
    private static partial void LogDropped(ILogger logger, string forwarder, Guid alertId);
}
