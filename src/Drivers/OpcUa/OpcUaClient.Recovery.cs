using Proxus.Drivers.OpcUa.Client;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.OpcUa;

public sealed partial class OpcUaClient
{
    private static readonly NodeId ServerStatusState = new(2259u);

    private void Activate(SessionContext session)
    {
        _session = session;
        State = OpcUaConnectionState.Connected;
        _ready.TrySetResult(session);
    }

    /// <summary>
    /// Watches the channel; when it breaks (server restart, network loss, protocol error, lost session)
    /// reconnects with exponential back-off, re-activates the session or creates a new one, and restores
    /// the subscriptions (kept, transferred or recreated).
    /// </summary>
    private async Task SuperviseAsync()
    {
        var token = _lifetime.Token;
        while (!token.IsCancellationRequested)
        {
            var session = _session!;
            var reason = await session.Channel.Closed.WaitAsync(token).ConfigureAwait(false);
            if (!_options.AutoReconnect)
            {
                State = OpcUaConnectionState.Closed;
                _ready.TrySetException(new OpcUaException(reason.StatusCode, "The connection was lost: " + reason.Detail, reason));
                return;
            }

            lock (_gate)
            {
                State = OpcUaConnectionState.Reconnecting;
                if (_ready.Task.IsCompleted)
                {
                    _ready = new TaskCompletionSource<SessionContext>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            LogConnectionLost(_logger, _options.EndpointUrl, reason.StatusCode.Name, reason.Detail);
            await session.Channel.DisposeAsync().ConfigureAwait(false);
            await ReconnectAsync(session, token).ConfigureAwait(false);
        }
    }

    private async Task ReconnectAsync(SessionContext previous, CancellationToken token)
    {
        var delay = _options.ReconnectDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(_options.RequestTimeout * 3);
                var (session, resumed) = await EstablishAsync(previous, timeout.Token).ConfigureAwait(false);
                _session = session;
                await RestoreSubscriptionsAsync(resumed, timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnectCount);
                Activate(session);
                LogReconnected(_logger, _options.EndpointUrl, attempt, resumed);
                return;
            }
            catch (Exception ex) when (ex is OpcUaException || (ex is OperationCanceledException && !token.IsCancellationRequested))
            {
                var status = ex is OpcUaException ua ? ua.StatusCode : StatusCode.BadTimeout;
                LogReconnectFailed(_logger, _options.EndpointUrl, attempt, status.Name, ex.Message, delay.TotalMilliseconds);
                var broken = _session;
                if (broken is not null && broken != previous)
                {
                    await broken.Channel.DisposeAsync().ConfigureAwait(false);
                    previous = broken;
                }
            }

            await Task.Delay(delay, token).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>Probes the session while connected; a failed probe breaks the channel so that recovery starts.</summary>
    private async Task KeepAliveAsync()
    {
        var token = _lifetime.Token;
        using var timer = new PeriodicTimer(_options.KeepAliveInterval);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            var session = _session;
            if (session is null || !session.Channel.IsOpen || State != OpcUaConnectionState.Connected)
            {
                continue;
            }

            try
            {
                await SendAsync<ReadResponse>(session, new ReadRequest(0, TimestampsToReturn.Neither, [new ReadValueId(ServerStatusState, AttributeId.Value)]), _options.RequestTimeout, token).ConfigureAwait(false);
            }
            catch (OpcUaException ex)
            {
                LogKeepAliveFailed(_logger, ex.StatusCode.Name, ex.Message);
                await AbandonAsync(session, ex).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Drops the connection as a network failure would, for diagnostics and recovery tests; with
    /// <paramref name="closeSession"/> the session is closed first (its subscriptions kept on the server)
    /// so that recovery must create a new session and transfer them.
    /// </summary>
    internal async Task DropConnectionAsync(bool closeSession, CancellationToken cancellationToken)
    {
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        if (closeSession)
        {
            try
            {
                await SendAsync<CloseSessionResponse>(session, new CloseSessionRequest(DeleteSubscriptions: false), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaException ex) when (ex.StatusCode.Is(StatusCode.BadSecureChannelClosed))
            {
                // The outstanding Publish requests failed with BadSessionClosed first and recovery began.
            }
        }

        await session.Channel.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Gives up on a channel/session that no longer works: closing the channel wakes the supervisor.</summary>
    private async Task AbandonAsync(SessionContext session, OpcUaException reason)
    {
        if (_session == session && session.Channel.IsOpen)
        {
            LogSessionAbandoned(_logger, reason.StatusCode.Name);
            await session.Channel.DisposeAsync().ConfigureAwait(false);
        }
    }
}
