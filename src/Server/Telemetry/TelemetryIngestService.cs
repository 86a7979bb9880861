using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Telemetry;

/// <summary>
/// The ingest pipeline: parsing on the submitter's side (malformed payloads are counted, logged and
/// done at once, never poison a batch), so that the next batch is parsed while the store writes the
/// current one; a bounded queue (back-pressure), batches by size and time, one atomic write per
/// batch, retried until it commits, then the last-value cache and the
/// acknowledgements: the batch's messages are marked done and their waiters woken by one signal per
/// batch (<see cref="WaitAsync"/>), not one task per message. On shutdown, messages not committed
/// are abandoned unacknowledged, so the broker redelivers them; the unique key makes a redelivery
/// of a committed value harmless.
/// </summary>
internal sealed partial class TelemetryIngestService : BackgroundService, ITelemetryIngest
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MalformedLogInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<IngestMessage> _queue;
    private readonly ITelemetryStore _store;
    private readonly LastValueCache _cache;
    private readonly TelemetryIngestCounters _counters;
    private readonly TelemetryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TelemetryIngestService> _logger;
    private readonly MalformedMessageLog _malformedLog;

    /// <summary>Completed (and replaced) each time messages are marked done or abandoned.</summary>
    private TaskCompletionSource _progress = NewProgress();

    public TelemetryIngestService(
        ITelemetryStore store,
        LastValueCache cache,
        TelemetryIngestCounters counters,
        IOptions<TelemetryOptions> options,
        TimeProvider timeProvider,
        ILogger<TelemetryIngestService> logger)
    {
        _store = store;
        _cache = cache;
        _counters = counters;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _malformedLog = new MalformedMessageLog(logger, timeProvider, MalformedLogInterval);
        _queue = Channel.CreateBounded<IngestMessage>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _counters.ObserveQueue(() => _queue.Reader.Count);
    }

    public ValueTask SubmitAsync(IngestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        _counters.AddReceived();
        return Accept(message) ? _queue.Writer.WriteAsync(message, cancellationToken) : ValueTask.CompletedTask;
    }

    public async ValueTask<IngestOutcome> WaitAsync(IngestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        while (true)
        {
            // Taken before looking at the message: marking happens before the signal it may be waiting for.
            var progress = Volatile.Read(ref _progress).Task;
            if (message.IsDone)
            {
                return message.Outcome;
            }

            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var messages = new List<IngestMessage>(_options.BatchSize);
        var points = new List<TelemetryPoint>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await FillBatchAsync(messages, points, stoppingToken);
                if (points.Count > 0)
                {
                    var started = _timeProvider.GetTimestamp();
                    var inserted = await WriteUntilCommittedAsync(points, stoppingToken);
                    _cache.Update(points);
                    _counters.AddBatch(points.Count, inserted);
                    _counters.RecordBatchTimes(_timeProvider.GetElapsedTime(started), _timeProvider.GetUtcNow() - points.Min(p => p.ServerTimestamp));
                    foreach (var message in messages)
                    {
                        message.Complete(IngestOutcome.Stored);
                    }
                }

                // Wakes the waiters of the batch's messages (malformed and expired ones were done on submission).
                SignalProgress();
                messages.Clear();
                points.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is not committed is abandoned below, unacknowledged.
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var message in messages)
            {
                message.Abandon();
            }

            var abandoned = messages.Count;
            while (_queue.Reader.TryRead(out var queued))
            {
                queued.Abandon();
                abandoned++;
            }

            SignalProgress();

            if (abandoned > 0)
            {
                LogAbandoned(_logger, abandoned);
            }
        }
    }

    /// <summary>Takes messages until the batch is full or <see cref="TelemetryOptions.BatchDelay"/> has passed since the first.</summary>
    private async Task FillBatchAsync(List<IngestMessage> messages, List<TelemetryPoint> points, CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource(_options.BatchDelay, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        while (points.Count < _options.BatchSize)
        {
            if (!_queue.Reader.TryRead(out var message))
            {
                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(linked.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            messages.Add(message);
            points.Add(message.Point!);
        }
    }

    /// <summary>Parses <paramref name="message"/>; false when it is done already (malformed, or older than the retention).</summary>
    private bool Accept(IngestMessage message)
    {
        var now = _timeProvider.GetUtcNow();
        if (!TelemetryPayloadParser.TryParse(message, now, _options, out var point, out var error))
        {
            _counters.AddMalformed();
            _malformedLog.Report(message.Topic, error);
            message.Complete(IngestOutcome.Malformed);
            return false;
        }

        if (_options.RetentionCutoff(now) is { } cutoff && point!.SourceTimestamp < cutoff)
        {
            _counters.AddExpired();
            message.Complete(IngestOutcome.Expired);
            return false;
        }

        message.Point = point;
        return true;
    }

    private async Task<int> WriteUntilCommittedAsync(List<TelemetryPoint> points, CancellationToken stoppingToken)
    {
        var delay = _options.RetryDelay;
        while (true)
        {
            try
            {
                return await _store.WriteAsync(points, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The batch stays here meanwhile: the queue fills and the consumer stops reading.
                _counters.AddWriteFailure();
                LogWriteFailed(_logger, e, points.Count, delay);
                await Task.Delay(delay, _timeProvider, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SignalProgress() => Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();

    [LoggerMessage(EventId = 8001, Level = LogLevel.Error, Message = "Writing a batch of {Count} values failed; retrying in {Delay}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, TimeSpan delay);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Stopping: {Count} uncommitted messages left unacknowledged for redelivery")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
