using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Proxus.Agent.Acquisition;
using Proxus.Agent.Configuration;
using Proxus.Agent.Identity;
using Proxus.Agent.Storage;
using Proxus.Agent.Uplink;
using Proxus.Core.Status;

namespace Proxus.Agent.Runtime;

/// <summary>
/// Builds the agent's status report, publishes it every status interval (retained, on the status
/// topic) and writes it, with the uplink's own state, to <c>status.json</c> for
/// <c>proxus-agent status</c>.
/// </summary>
internal sealed partial class StatusReporter : IStatusSource
{
    private readonly AgentPaths _paths;
    private readonly CredentialStore _credentials;
    private readonly IUplinkQueue _queue;
    private readonly ILogger<StatusReporter> _logger;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly long _droppedAtStart;
    private readonly object _gate = new();
    private readonly Lock _localFileLock = new();
    private readonly Channel<bool> _reportRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _producedAtLastSample;
    private DateTimeOffset _lastSample;
    private double _pointsPerSecond;
    private IReadOnlyList<ConnectionHealth> _connections = [];

    public StatusReporter(AgentPaths paths, CredentialStore credentials, IUplinkQueue queue, ILogger<StatusReporter> logger, TimeProvider time)
    {
        _paths = paths;
        _credentials = credentials;
        _queue = queue;
        _logger = logger;
        _time = time;
        _startedAt = time.GetUtcNow();
        _lastSample = _startedAt;
        _droppedAtStart = queue.DroppedRecords;
    }

    /// <summary>Set once the parts it reports on exist (they need the reporter themselves).</summary>
    public MqttUplink? Uplink { get; set; }

    public ConfigurationManager? Configuration { get; set; }

    public AcquisitionEngine? Engine { get; set; }

    public AgentStatusReport Create(AgentState state, string? reason)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return new AgentStatusReport(
                _credentials.Current.Enrollment.AgentId,
                state,
                now,
                (long)(now - _startedAt).TotalSeconds,
                Configuration?.AppliedVersion,
                new DateTimeOffset(_credentials.Current.Certificate.NotAfter.ToUniversalTime()),
                _queue.Depth,
                _queue.Bytes,
                Math.Max(0, _queue.DroppedRecords - _droppedAtStart),
                _pointsPerSecond,
                Uplink?.Health.PublishedPoints ?? 0,
                _connections,
                reason);
        }
    }

    /// <summary>
    /// Asks for a report now rather than at the next interval: after a configuration is applied the
    /// portal should list the new connections at once, not up to a status interval later. Requests
    /// made while one is pending are merged.
    /// </summary>
    public void ReportNow() => _reportRequests.Writer.TryWrite(true);

    /// <summary>Samples the rates, publishes the report and writes the status file, every <paramref name="interval"/> and when asked.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        Task<bool>? tick = null;
        Task<bool>? requested = null;
        while (true)
        {
            Sample();
            WriteLocal();
            if (Uplink is { } uplink)
            {
                await uplink.PublishStatusAsync(cancellationToken).ConfigureAwait(false);
            }

            // Both waits stay pending across wake-ups: a timer allows one outstanding wait.
            tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
            requested ??= _reportRequests.Reader.WaitToReadAsync(cancellationToken).AsTask();
            var woken = await Task.WhenAny(tick, requested).ConfigureAwait(false);
            if (woken == tick)
            {
                if (!await tick.ConfigureAwait(false))
                {
                    return;
                }

                tick = null;
            }
            else
            {
                await requested.ConfigureAwait(false);
                _reportRequests.Reader.TryRead(out _);
                requested = null;
            }
        }
    }

    /// <summary>Writes <c>status.json</c> (atomically): the report plus the uplink's and configuration's own state.</summary>
    public void WriteLocal(AgentState state = AgentState.Online, string? reason = null)
    {
        // The periodic report and a configuration outcome both write: the later writer must also hold the later snapshot.
        lock (_localFileLock)
        {
            WriteLocalSnapshot(state, reason);
        }
    }

    private void WriteLocalSnapshot(AgentState state, string? reason)
    {
        var uplink = Uplink?.Health;
        var local = new LocalAgentStatus(
            Create(state, reason),
            Environment.ProcessId,
            uplink?.Connected ?? false,
            uplink?.LastError,
            uplink?.LastErrorAt,
            Configuration?.LastError,
            _queue.CorruptRecords);
        try
        {
            AtomicFile.Write(_paths.StatusPath, JsonSerializer.SerializeToUtf8Bytes(local, AgentJsonContext.Default.LocalAgentStatus), AtomicFile.Readable);
        }
        catch (IOException exception)
        {
            LogStatusFileFailed(_logger, exception.Message);
        }
    }

    private void Sample()
    {
        var now = _time.GetUtcNow();
        var produced = Uplink?.ProducedPoints ?? 0;
        var connections = Engine?.SampleHealth() ?? [];
        lock (_gate)
        {
            var seconds = (now - _lastSample).TotalSeconds;
            _pointsPerSecond = seconds > 0 ? Math.Round((produced - _producedAtLastSample) / seconds, 3) : 0;
            _producedAtLastSample = produced;
            _lastSample = now;
            _connections = connections;
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Cannot write the status file: {Error}")]
    private static partial void LogStatusFileFailed(ILogger logger, string error);
}
