using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>
/// A transport-agnostic MQTT 3.1.1 / 5.0 broker. A host accepts connections (Kestrel, a test's
/// in-memory pipe) and hands each to <see cref="RunConnectionAsync"/>. Identity and access come from
/// <see cref="IMqttBrokerHooks"/>, durability from an optional <see cref="IMqttBrokerStore"/>.
/// </summary>
public sealed partial class MqttBroker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<MqttBrokerConnection, byte> _connections = new();
    private readonly ILogger _logger;
    private readonly IMqttBrokerStore? _store;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private Task _housekeeping = Task.CompletedTask;
    private int _activeConnections;
    private int _state;

    /// <summary>Creates a broker; with a <paramref name="meterFactory"/> it publishes its figures as the <see cref="MqttBrokerMetrics.MeterName"/> meter.</summary>
    public MqttBroker(MqttBrokerOptions options, IMqttBrokerHooks hooks, ILogger<MqttBroker>? logger = null, IMqttBrokerStore? store = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hooks);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid broker options: " + string.Join(" ", errors), nameof(options));
        }

        Options = options;
        QueueHighWater = Math.Max(1, Math.Min(MqttBrokerConnection.CongestionBacklog, options.MaximumQueuedMessages / 2));
        Hooks = hooks;
        _logger = logger ?? NullLogger<MqttBroker>.Instance;
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
        StartedAt = _timeProvider.GetUtcNow();
        if (meterFactory is not null)
        {
            MqttBrokerMetrics.Register(this, meterFactory);
        }
    }

    public MqttBrokerOptions Options { get; }

    /// <summary>Transport connections being served (including those that have not sent CONNECT yet).</summary>
    public int ConnectionCount => Volatile.Read(ref _activeConnections);

    /// <summary>Sessions known to the broker, connected or not.</summary>
    public int SessionCount
    {
        get { lock (_sessionsGate) { return _sessions.Count; } }
    }

    public int RetainedMessageCount => _retained.Count;

    /// <summary>True between <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == 1;

    internal IMqttBrokerHooks Hooks { get; }

    internal MqttBrokerStatistics Statistics { get; } = new();

    /// <summary>Messages queued behind a session's receive window at which its publishers wait (half the queue bound, at most 256).</summary>
    internal int QueueHighWater { get; }

    /// <summary>What a waiting publisher waits for the queue to fall to.</summary>
    internal int QueueLowWater => QueueHighWater / 2;

    internal MqttSubscriptionTree Subscriptions { get; } = new();

    internal DateTimeOffset Now => _timeProvider.GetUtcNow();

    internal DateTimeOffset StartedAt { get; }

    /// <summary>Loads the store (retained messages, persistent sessions) and starts housekeeping.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The broker was already started.");
        }

        if (_store is not null)
        {
            var snapshot = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
            Restore(snapshot);
            MqttBrokerLog.StoreLoaded(_logger, snapshot.RetainedMessages.Count, snapshot.Sessions.Count);
        }

        _housekeeping = RunHousekeepingAsync(_stopping.Token);
    }

    /// <summary>
    /// Serves one client connection until it ends. Never throws for anything the client does; a
    /// connection beyond <see cref="MqttBrokerOptions.MaximumConnections"/> is closed at once.
    /// </summary>
    public async Task RunConnectionAsync(IDuplexPipe transport, MqttConnectionInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(info);
        if (Volatile.Read(ref _state) != 1 || Interlocked.Increment(ref _activeConnections) > Options.MaximumConnections)
        {
            if (Volatile.Read(ref _state) == 1)
            {
                Interlocked.Decrement(ref _activeConnections);
                MqttBrokerLog.ConnectionLimitReached(_logger, info.RemoteEndPoint, Options.MaximumConnections);
            }

            await transport.Input.CompleteAsync().ConfigureAwait(false);
            await transport.Output.CompleteAsync().ConfigureAwait(false);
            return;
        }

        var connection = new MqttBrokerConnection(this, transport, info, _logger);
        _connections.TryAdd(connection, 0);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await connection.RunAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A defect must not take the host down with it; the connection is gone either way.
            MqttBrokerLog.ConnectionFailed(_logger, connection.ClientId, ex);
        }
        finally
        {
            if (_connections.TryRemove(connection, out _))
            {
                Interlocked.Decrement(ref _activeConnections);
            }
        }
    }

    /// <summary>
    /// Closes every connection authenticated as <paramref name="identity"/> (compared with Equals) with
    /// Administrative action and discards their sessions, e.g. when a certificate is revoked.
    /// </summary>
    public int DisconnectIdentity(object identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return DisconnectIdentities(identity.Equals, identity.ToString());
    }

    /// <summary>
    /// Closes every connection whose identity <paramref name="match"/> selects, with Administrative
    /// action, and discards their sessions: e.g. every connection authenticated with a revoked
    /// certificate, whatever else its identity holds. <paramref name="description"/> names them in the log.
    /// </summary>
    public int DisconnectIdentities(Func<object, bool> match, string? description)
    {
        ArgumentNullException.ThrowIfNull(match);
        var count = 0;
        foreach (var connection in _connections.Keys)
        {
            if (connection.Identity is { } other && match(other))
            {
                if (connection.Session is { } session)
                {
                    session.SessionExpiryInterval = 0;
                }

                connection.Close(MqttReasonCode.AdministrativeAction);
                count++;
            }
        }

        MqttBrokerLog.IdentityDisconnected(_logger, description, count);
        return count;
    }

    /// <summary>Closes every connection (Server shutting down), saves sessions and flushes the store.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _housekeeping.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: housekeeping stops with the broker.
        }

        var deadline = Environment.TickCount64 + 10_000;
        while (!_connections.IsEmpty && Environment.TickCount64 < deadline)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        if (_store is not null)
        {
            SaveAllSessions();
            await _store.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        Subscriptions.Dispose();
    }

    internal void ReportDenial(MqttDenial denial)
    {
        Statistics.AddDenial(denial.Kind);
        MqttBrokerLog.Denied(_logger, denial.Kind, denial.ClientId, denial.Topic, denial.ReasonCode);
        try
        {
            Hooks.OnDenied(denial);
        }
        catch (Exception ex)
        {
            MqttBrokerLog.HookFailed(_logger, denial.ClientId, ex);
        }
    }

    internal bool IsAcceptableTopicName(string topic)
        => topic.Length <= Options.MaximumTopicLength
            && TopicLevels.Count(topic) <= Options.MaximumTopicLevels
            && MqttTopic.IsValidTopicName(topic);

    internal bool IsAcceptableTopicFilter(string filter)
        => filter.Length <= Options.MaximumTopicLength
            && TopicLevels.Count(filter) <= Options.MaximumTopicLevels
            && MqttTopic.IsValidTopicFilter(filter);
}
