using Microsoft.Extensions.Logging;
using Proxus.Core.Model;
using Proxus.Core.Status;
using Proxus.Core.Units;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// Polls one configured connection: one loop per distinct interval (a poll group, or a tag's own
/// interval), each reading its tags in the batches the driver plans, then normalizing, filtering
/// and publishing per tag. A failed read yields bad quality with the reason for every tag of the
/// group (published once, on the change); the driver reconnects on the next poll. An OPC UA
/// connection configured for subscriptions is monitored instead (<c>ConnectionRunner.Monitoring.cs</c>).
/// </summary>
internal sealed partial class ConnectionRunner : IAsyncDisposable
{
    /// <summary>The interval of tags that name neither a poll group nor their own interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most tags one read covers before their messages are published. A group of thousands of
    /// tags is read and published chunk by chunk (each chunk still planned into as few requests as
    /// the driver can), so the uplink receives a steady stream instead of one burst per interval,
    /// and a fast group's message never waits in the queue behind a whole slow group.
    /// </summary>
    public const int MaxTagsPerRead = 500;

    private readonly IDeviceConnection _device;
    private readonly SequenceAllocator _sequence;
    private readonly IUnsPublisher _publisher;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly object _gate = new();
    private long _points;
    private long _pointsAtLastSample;
    private DateTimeOffset _lastSample;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private bool _polled;

    public ConnectionRunner(Connection connection, IReadOnlyList<Tag> tags, IDeviceConnection device, SequenceAllocator sequence, IUnsPublisher publisher, ILogger logger, TimeProvider time)
    {
        Connection = connection;
        Tags = tags;
        _device = device;
        _sequence = sequence;
        _publisher = publisher;
        _logger = logger;
        _time = time;
        _lastSample = time.GetUtcNow();
    }

    public Connection Connection { get; }

    public IReadOnlyList<Tag> Tags { get; }

    /// <summary>Starts the poll loops.</summary>
    public void Start()
    {
        foreach (var group in Tags.GroupBy(IntervalOf))
        {
            var pipelines = new List<TagPipeline>();
            foreach (var tag in group)
            {
                try
                {
                    pipelines.Add(new TagPipeline(tag));
                }
                catch (UnitConversionException exception)
                {
                    LogTagRefused(_logger, tag.Path.Value, Connection.Id, exception.Message);
                }
            }

            if (pipelines.Count > 0 && Subscribing is { } device)
            {
                _loops.Add(Task.Run(() => MonitorAsync(device, group.Key, [.. pipelines], _stop.Token)));
            }
            else if (pipelines.Count > 0)
            {
                PollChunk[] chunks = [.. pipelines.Chunk(MaxTagsPerRead).Select(chunk => new PollChunk(_device.CreateGroup([.. chunk.Select(pipeline => pipeline.Tag)]), chunk))];
                _loops.Add(Task.Run(() => PollAsync(group.Key, chunks, _stop.Token)));
            }
        }
    }

    /// <summary>The connection's health for the status report; samples the point rate since the last call.</summary>
    public ConnectionHealth SampleHealth()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var points = Interlocked.Read(ref _points);
            var seconds = (now - _lastSample).TotalSeconds;
            var rate = seconds > 0 ? (points - _pointsAtLastSample) / seconds : 0;
            _pointsAtLastSample = points;
            _lastSample = now;
            var state = !_polled ? ConnectionState.Connecting : _device.IsConnected ? ConnectionState.Connected : ConnectionState.Faulted;
            return new ConnectionHealth(Connection.Id, Connection.Protocol.ToString(), state, Math.Round(rate, 3), _lastError, _lastErrorAt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await _device.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private TimeSpan IntervalOf(Tag tag)
    {
        if (tag.PollInterval is { } own && own > TimeSpan.Zero)
        {
            return own;
        }

        var group = tag.PollGroup is null ? null : Connection.PollGroups.FirstOrDefault(candidate => string.Equals(candidate.Name, tag.PollGroup, StringComparison.OrdinalIgnoreCase));
        return group is { Interval: var interval } && interval > TimeSpan.Zero ? interval : DefaultInterval;
    }

    private async Task PollAsync(TimeSpan interval, PollChunk[] chunks, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        var payload = new PayloadWriter();
        var batch = new UnsBatch();
        do
        {
            string? failure = null;
            foreach (var chunk in chunks)
            {
                try
                {
                    failure = failure is null ? await PollAsync(chunk, payload, batch, cancellationToken).ConfigureAwait(false) : Fail(chunk, failure, payload, batch);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    RecordPoll(exception.Message, 0);
                    LogPollFailed(_logger, exception, Connection.Id);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Reads one chunk and publishes its messages as one batch (one append to the store-and-forward
    /// queue); returns the failure when the device answered for none of its tags.
    /// </summary>
    private async Task<string?> PollAsync(PollChunk chunk, PayloadWriter payload, UnsBatch batch, CancellationToken cancellationToken)
    {
        var readings = await chunk.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var failure = readings.Count > 0 && readings.All(reading => reading.Error is not null) ? readings[0].Error : null;
        RecordPoll(failure, readings.Count);
        for (var i = 0; i < chunk.Pipelines.Length; i++)
        {
            chunk.Pipelines[i].Process(readings[i], _sequence, batch, payload);
        }

        Publish(batch);
        return failure;
    }

    /// <summary>
    /// The device failed on an earlier chunk of this poll: the rest of the group gets the same bad
    /// quality without waiting for the same timeout once per chunk; the next poll tries them all.
    /// </summary>
    private string Fail(PollChunk chunk, string failure, PayloadWriter payload, UnsBatch batch)
    {
        var now = _time.GetUtcNow();
        foreach (var pipeline in chunk.Pipelines)
        {
            pipeline.Process(RawReading.Bad(failure, now), _sequence, batch, payload);
        }

        Publish(batch);
        return failure;
    }

    /// <summary>Hands the batch's messages (if any) to the publisher and empties it, whatever the outcome.</summary>
    private void Publish(UnsBatch batch)
    {
        try
        {
            if (batch.Count > 0)
            {
                _publisher.Publish(batch);
            }
        }
        finally
        {
            batch.Clear();
        }
    }

    private void RecordPoll(string? failure, int values)
    {
        lock (_gate)
        {
            _polled = true;
            if (failure is not null)
            {
                if (_lastError != failure)
                {
                    LogReadFailed(_logger, Connection.Id, failure);
                }

                _lastError = failure;
                _lastErrorAt = _time.GetUtcNow();
            }
        }

        Interlocked.Add(ref _points, failure is null ? values : 0);
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Tag {Tag} of connection {Connection} is not polled: {Reason}")]
    private static partial void LogTagRefused(ILogger logger, string tag, string connection, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Connection {Connection}: {Error}")]
    private static partial void LogReadFailed(ILogger logger, string connection, string error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Connection {Connection}: a poll failed unexpectedly")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string connection);

    /// <summary>A slice of a poll group: the tags one read covers, and their pipelines in the same order.</summary>
    private sealed record PollChunk(IPollGroupReader Reader, TagPipeline[] Pipelines);
}
