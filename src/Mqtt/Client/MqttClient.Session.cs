using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Client.Internal;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>Session continuity across connections: activation, resend, restore, reconnect.</summary>
public sealed partial class MqttClient
{
    /// <summary>
    /// Makes a freshly connected connection the current one. With the session present, every
    /// unacknowledged PUBLISH is resent with DUP and every unfinished QoS 2 flow resumes with
    /// PUBREL, in the original order (MQTT 5.0 section 4.4). Without it, the server forgot
    /// everything: inbound QoS 2 state is dropped, unacknowledged messages are sent again as new
    /// messages (a message the server already answered with PUBREC counts as delivered: it must
    /// not be sent twice), and the subscriptions are made again.
    /// </summary>
    private bool Activate(MqttClientConnection connection, bool isReconnect)
    {
        var connAck = connection.ConnAck;
        var sessionPresent = connAck.SessionPresent;
        var restored = 0;
        int resent;
        lock (_gate)
        {
            if (_state != ClientState.Running)
            {
                return false;
            }

            if (connAck.AssignedClientIdentifier is { Length: > 0 } assigned)
            {
                _clientId = assigned;
            }

            _serverMaximumPacketSize = connAck.MaximumPacketSize ?? uint.MaxValue;
            _serverMaximumQualityOfService = connection.ServerMaximumQualityOfService;
            _serverRetainAvailable = connection.ServerRetainAvailable;
            if (!sessionPresent)
            {
                _epoch++;
                _inboundQos2.Clear();
            }


            var pending = _outbound.Values.OrderBy(message => message.Sequence).ToList();
            resent = pending.Count;
            foreach (var message in pending)
            {
                ResendLocked(connection, message, sessionPresent);
            }

            _inflightLimit = connection.Version == MqttProtocolVersion.V500
                ? Math.Min(connection.ServerReceiveMaximum, _options.MaximumInflight ?? ushort.MaxValue)
                : _options.MaximumInflight ?? MqttClientOptions.DefaultInflightFor311;
            DrainBacklogLocked();
            if (!sessionPresent)
            {
                foreach (var record in _subscriptions.Values)
                {
                    RestoreLocked(connection, record);
                    restored++;
                }
            }

            Volatile.Write(ref _connection, connection);
        }

        connection.Start(_dispatch, _options.UseTopicAliases);
        MqttClientLog.Connected(_logger, _options.Server, _options.ProtocolVersion, sessionPresent);
        if (resent > 0)
        {
            MqttClientLog.Resending(_logger, resent, sessionPresent);
        }

        if (restored > 0)
        {
            MqttClientLog.RestoringSubscriptions(_logger, restored);
        }

        Connected?.Invoke(this, new MqttClientConnectedEventArgs(connAck, isReconnect));
        return true;
    }

    private void ResendLocked(MqttClientConnection connection, OutboundMessage message, bool sessionPresent)
    {
        if (message.State == OutboundState.AwaitingPubComp)
        {
            if (sessionPresent)
            {
                message.ReleaseResent = true;
                connection.TryEnqueue(new PubRelPacket { PacketId = message.Packet.PacketId });
                return;
            }

            _outbound.Remove(message.Packet.PacketId);
            message.Completion.TrySetResult(MqttReasonCode.Success);
            return;
        }

        var packet = sessionPresent && message.Sent ? message.Packet with { Duplicate = true } : message.Packet;
        message.Sent = true;
        connection.TryEnqueue(packet);
    }

    private void RestoreLocked(MqttClientConnection connection, SubscriptionRecord record)
    {
        var packet = new SubscribePacket
        {
            PacketId = AllocatePacketIdLocked(),
            Subscriptions = [record.Subscription],
            SubscriptionIdentifier = record.Identifier,
            UserProperties = record.UserProperties,
        };
        var request = new PendingRequest(packet, connection);
        _requests.Add(packet.PacketId, request);
        connection.TryEnqueue(packet);
        request.Completion.Task.ContinueWith(
            static (task, state) =>
            {
                var logger = (ILogger)state!;
                if (task.Exception is { } exception)
                {
                    MqttClientLog.RestoreFailed(logger, exception.GetBaseException());
                }
                else if (task.Result is SubAckPacket ack && ack.ReasonCodes.Any(code => code >= MqttReasonCode.UnspecifiedError))
                {
                    MqttClientLog.RestoreFailed(logger, new MqttClientException(MqttClientError.ConnectionLost, $"The server refused a restored subscription: {ack.ReasonCodes[0]}", ack.ReasonCodes[0]));
                }
            },
            _logger,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Watches the current connection and replaces it when it dies, until the client is stopped.</summary>
    private async Task SuperviseAsync(MqttClientConnection connection, CancellationToken lifetime)
    {
        Exception? lastReason = null;
        try
        {
            while (true)
            {
                lastReason = await connection.Completion.ConfigureAwait(false);
                var reconnect = _options.Reconnect.Enabled && !lifetime.IsCancellationRequested && !_options.HostStopping.IsCancellationRequested;
                Detach(connection, lastReason, reconnect);
                if (!reconnect)
                {
                    return;
                }

                var next = await ReconnectAsync(lifetime).ConfigureAwait(false);
                if (next is null)
                {
                    return;
                }

                connection = next;
            }
        }
        finally
        {
            Stop(lastReason);
        }
    }

    private async Task<MqttClientConnection?> ReconnectAsync(CancellationToken lifetime)
    {
        // 3.1.1 Clean Session = 1 means the session lives only as long as the connection; asking
        // for 0 on a reconnect would create a persistent session nobody wanted.
        var cleanStart = _options.ProtocolVersion == MqttProtocolVersion.V311 && _options.CleanStart;
        for (var attempt = 0; ; attempt++)
        {
            var delay = _options.Reconnect.GetDelay(attempt, Random.Shared);
            MqttClientLog.Reconnecting(_logger, _options.Server, delay, attempt + 1);
            try
            {
                await Task.Delay(delay, lifetime).ConfigureAwait(false);
                var connection = await MqttClientConnection.OpenAsync(_options, CreateConnectPacket(cleanStart), _logger, lifetime).ConfigureAwait(false);
                if (Activate(connection, isReconnect: true))
                {
                    return connection;
                }

                await connection.CloseAsync(new DisconnectPacket()).ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                return null;
            }
            catch (MqttClientException ex)
            {
                MqttClientLog.ReconnectFailed(_logger, _options.Server, attempt + 1, ex);
            }
        }
    }

    /// <summary>The connection is gone: requests sent on it can no longer be answered.</summary>
    private void Detach(MqttClientConnection connection, Exception? reason, bool willReconnect)
    {
        List<PendingRequest> orphans = [];
        lock (_gate)
        {
            if (_connection == connection)
            {
                Volatile.Write(ref _connection, null);
                ForgetUnacknowledgedLocked();
            }

            foreach (var request in _requests.Values)
            {
                if (request.Connection == connection)
                {
                    orphans.Add(request);
                }
            }

            foreach (var request in orphans)
            {
                _requests.Remove(request.Request.PacketId);
            }
        }

        var failure = new MqttClientException(MqttClientError.ConnectionLost, "The connection closed before the server answered.", (reason as MqttClientException)?.ReasonCode, reason);
        foreach (var request in orphans)
        {
            request.Completion.TrySetException(failure);
        }

        LogConnectionLost(reason);

        Disconnected?.Invoke(this, new MqttClientDisconnectedEventArgs(reason, willReconnect));
    }

    /// <summary>
    /// A DISCONNECT from the server says why in its reason code: one line without a stack. Server
    /// shutting down is an announced, orderly end, not a fault: at Information while our own host
    /// stops too, otherwise at Debug (the application hears of it through <see cref="Disconnected"/>
    /// and says what it does next; the client's own reconnects are logged at Information). Anything
    /// else (a broken transport, a protocol violation) is a fault and keeps its exception.
    /// </summary>
    private void LogConnectionLost(Exception? reason)
    {
        switch (reason)
        {
            case null:
                return;
            case MqttClientException { Error: MqttClientError.ServerDisconnected, ReasonCode: MqttReasonCode.ServerShuttingDown } when _options.HostStopping.IsCancellationRequested:
                MqttClientLog.ServerStoppedWithHost(_logger, _options.Server);
                return;
            case MqttClientException { Error: MqttClientError.ServerDisconnected, ReasonCode: MqttReasonCode.ServerShuttingDown }:
                MqttClientLog.ServerShuttingDown(_logger, _options.Server);
                return;
            case MqttClientException { Error: MqttClientError.ServerDisconnected } disconnected:
                MqttClientLog.ServerDisconnected(_logger, _options.Server, disconnected.Message);
                return;
            default:
                MqttClientLog.ConnectionLost(_logger, _options.Server, reason);
                return;
        }
    }

    /// <summary>No more reconnects: whatever still waits for the server fails.</summary>
    private void Stop(Exception? reason)
    {
        List<OutboundMessage> abandoned;
        lock (_gate)
        {
            _state = ClientState.Idle;
            Volatile.Write(ref _connection, null);
            ForgetUnacknowledgedLocked();
            abandoned = [.. _outbound.Values, .. _backlog];
            _outbound.Clear();
            _backlog.Clear();
        }

        var failure = new MqttClientException(MqttClientError.NotConnected, "The client stopped before the server acknowledged the message.", (reason as MqttClientException)?.ReasonCode, reason);
        foreach (var message in abandoned)
        {
            message.Completion.TrySetException(failure);
        }
    }
}
