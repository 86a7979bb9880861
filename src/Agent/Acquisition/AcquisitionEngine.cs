using Microsoft.Extensions.Logging;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Core.Status;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// Runs the connections of the applied configuration and swaps configurations without a restart:
/// a connection whose definition and tags are unchanged keeps its runner (its polling never
/// pauses); a changed one is stopped and started with the new definition; a removed one is stopped;
/// an added one is started.
/// </summary>
internal sealed partial class AcquisitionEngine : IAsyncDisposable
{
    private readonly DeviceConnectionFactory _devices;
    private readonly SequenceAllocator _sequence;
    private readonly IUnsPublisher _publisher;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, ConnectionRunner> _runners = new(StringComparer.Ordinal);

    public AcquisitionEngine(DeviceConnectionFactory devices, SequenceAllocator sequence, IUnsPublisher publisher, ILogger<AcquisitionEngine> logger, TimeProvider time)
    {
        _devices = devices;
        _sequence = sequence;
        _publisher = publisher;
        _logger = logger;
        _time = time;
    }

    /// <summary>Switches to <paramref name="configuration"/>; returns how many connections were started, kept and stopped.</summary>
    public async Task<(int Started, int Kept, int Stopped)> ApplyAsync(AgentConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tagsByConnection = configuration.Tags.GroupBy(tag => tag.Connection, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => (IReadOnlyList<Tag>)[.. group], StringComparer.Ordinal);
            var next = new Dictionary<string, ConnectionRunner>(StringComparer.Ordinal);
            var stopping = new List<ConnectionRunner>();
            foreach (var (id, runner) in _runners)
            {
                var wanted = configuration.Connections.FirstOrDefault(connection => connection.Id == id);
                var tags = tagsByConnection.GetValueOrDefault(id, []);
                if (wanted is not null && wanted.Equals(runner.Connection) && tags.SequenceEqual(runner.Tags))
                {
                    next.Add(id, runner);
                }
                else
                {
                    stopping.Add(runner);
                }
            }

            foreach (var runner in stopping)
            {
                await runner.DisposeAsync().ConfigureAwait(false);
                LogStopped(_logger, runner.Connection.Id);
            }

            var started = 0;
            foreach (var connection in configuration.Connections)
            {
                if (next.ContainsKey(connection.Id))
                {
                    continue;
                }

                var tags = tagsByConnection.GetValueOrDefault(connection.Id, []);
                IDeviceConnection device;
                try
                {
                    device = _devices.Create(connection);
                }
                catch (ArgumentException exception)
                {
                    LogRefused(_logger, connection.Id, exception.Message);
                    continue;
                }

                var runner = new ConnectionRunner(connection, tags, device, _sequence, _publisher, _logger, _time);
                runner.Start();
                next.Add(connection.Id, runner);
                started++;
                LogStarted(_logger, connection.Id, connection.Protocol, tags.Count);
            }

            var kept = next.Count - started;
            _runners = next;
            return (started, kept, stopping.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The health of every running connection, ordered by id.</summary>
    public IReadOnlyList<ConnectionHealth> SampleHealth()
    {
        var runners = Volatile.Read(ref _runners);
        return [.. runners.Values.OrderBy(runner => runner.Connection.Id, StringComparer.Ordinal).Select(runner => runner.SampleHealth())];
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var runner in _runners.Values)
            {
                await runner.DisposeAsync().ConfigureAwait(false);
            }

            _runners = new(StringComparer.Ordinal);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Connection {Connection} ({Protocol}) started with {Tags} tags")]
    private static partial void LogStarted(ILogger logger, string connection, Protocol protocol, int tags);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Connection {Connection} stopped")]
    private static partial void LogStopped(ILogger logger, string connection);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Connection {Connection} is not started: {Reason}")]
    private static partial void LogRefused(ILogger logger, string connection, string reason);
}
