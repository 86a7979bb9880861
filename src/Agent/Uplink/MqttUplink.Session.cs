using Proxus.Agent.Identity;
using Proxus.Core.Status;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Agent.Uplink;

/// <summary>One broker session: birth, config and command subscriptions, the queue drain, and the goodbye.</summary>
public sealed partial class MqttUplink
{
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A record handed to the client and not yet acknowledged by the broker.</summary>
    private readonly record struct InflightRecord(long Sequence, string Topic, Task<MqttReasonCode> Publish);

    private async Task RunSessionAsync(MqttClient client, AgentCredentials credentials, CancellationToken cancellationToken)
    {
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += (_, args) => lost.TrySetResult(args.Reason ?? new MqttClientException(MqttClientError.ConnectionLost, "The broker closed the connection."));
        lock (_gate)
        {
            _client = client;
        }

        if (!client.IsConnected)
        {
            lost.TrySetResult(new MqttClientException(MqttClientError.ConnectionLost, "The connection closed right after CONNACK."));
        }

        LogConnected(_logger, credentials.Enrollment.Broker, _queue.Depth);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drain = Task.CompletedTask;
        var inbound = Task.CompletedTask;
        try
        {
            await PublishStatusAsync(cancellationToken).ConfigureAwait(false);
            await SubscribeAsync(client, credentials.Enrollment.AgentId, cancellationToken).ConfigureAwait(false);
            _queue.Rewind();
            drain = DrainAsync(client, session, session.Token);
            inbound = ReadInboundAsync(client, credentials.Enrollment.AgentId, session.Token);
            await Task.WhenAny(lost.Task, drain, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        }
        catch (MqttClientException exception)
        {
            lost.TrySetResult(exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: say goodbye below.
        }

        if (cancellationToken.IsCancellationRequested && client.IsConnected)
        {
            await SayGoodbyeAsync(client, credentials).ConfigureAwait(false);
        }
        else if (lost.Task.IsCompleted)
        {
            var reason = await lost.Task.ConfigureAwait(false);
            if (reason is not null)
            {
                RecordError(reason);
                LogSessionEnded(_logger, reason, cancellationToken.IsCancellationRequested, _queue.Depth);
            }
        }

        await session.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(drain, inbound).ConfigureAwait(false);
        lock (_gate)
        {
            _client = null;
        }

        await client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes the queue in order within the in-flight window and acknowledges each record on its
    /// PUBACK. The broker acknowledges QoS 1 messages in the order it received them (MQTT 5.0 section
    /// 4.6), so one loop both publishes and settles the oldest publishes as they complete. It wakes for
    /// new records, for the oldest publish only while the window is full (to refill it), and otherwise
    /// for the newest: a burst of a poll chunk (hundreds of messages) is settled in one wake-up once its
    /// last PUBACK arrived, not once per PUBACK segment read from the socket.
    /// </summary>
    private async Task DrainAsync(MqttClient client, CancellationTokenSource session, CancellationToken cancellationToken)
    {
        var inflight = new Queue<InflightRecord>();
        Task<MqttReasonCode>? newest = null;
        Task? records = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!Settle(inflight, session))
                {
                    break;
                }

                if (inflight.Count >= _options.MaxInflight)
                {
                    await WaitQuietlyAsync(inflight.Peek().Publish, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_queue.TryReadNext(out var sequence, out var record))
                {
                    newest = Send(client, sequence, record, inflight) ?? newest;
                    continue;
                }

                // Nothing to read: wake for new records or for the oldest publish's acknowledgement (one
                // wait for records serves every acknowledgement that arrives before them).
                if (records is not { IsCompleted: false })
                {
                    records = _queue.WaitForRecordsAsync(cancellationToken).AsTask();
                }

                if (inflight.Count == 0 || records.IsCompleted)
                {
                    await records.ConfigureAwait(false);
                }
                else
                {
                    // PUBACKs arrive in order; should the newest have completed before an older one, the
                    // oldest is what the loop waits for (it would spin on a completed task otherwise).
                    var settled = newest is { IsCompleted: false } ? newest : inflight.Peek().Publish;
                    await Task.WhenAny(records, settled).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended; unacknowledged records are sent again after the next connect.
        }

        // Whatever the broker still acknowledges is not sent again; the rest fails with the session.
        while (inflight.TryPeek(out var oldest))
        {
            await WaitQuietlyAsync(oldest.Publish, CancellationToken.None).ConfigureAwait(false);
            Settle(inflight, session);
        }
    }

    /// <summary>
    /// Hands one queued record to the client and returns its publish; a record no broker can take is
    /// refused and acknowledged at once (null).
    /// </summary>
    private Task<MqttReasonCode>? Send(MqttClient client, long sequence, ReadOnlyMemory<byte> record, Queue<InflightRecord> inflight)
    {
        if (!UplinkRecord.TryDecode(record, out var message, out var error))
        {
            LogCorruptRecord(_logger, sequence, error);
            _queue.Acknowledge(sequence);
            return null;
        }

        Task<MqttReasonCode> publish;
        try
        {
            publish = client.PublishAsync(message.Topic, message.Payload, MqttQualityOfService.AtLeastOnce, message.Retain, CancellationToken.None).AsTask();
        }
        catch (ArgumentException exception)
        {
            publish = Task.FromException<MqttReasonCode>(exception);
        }

        inflight.Enqueue(new InflightRecord(sequence, message.Topic, publish));
        return publish;
    }

    /// <summary>
    /// Acknowledges the completed publishes at the head of the window, in order. Returns false when one
    /// failed because the connection did: the session is cancelled and the rest is sent again later.
    /// </summary>
    private bool Settle(Queue<InflightRecord> inflight, CancellationTokenSource session)
    {
        while (inflight.TryPeek(out var oldest) && oldest.Publish.IsCompleted)
        {
            inflight.Dequeue();
            if (oldest.Publish.IsCompletedSuccessfully)
            {
                var code = oldest.Publish.Result;
                if (code >= MqttReasonCode.UnspecifiedError)
                {
                    Interlocked.Increment(ref _refused);
                    LogRefused(_logger, oldest.Topic, code);
                }
                else
                {
                    Interlocked.Increment(ref _published);
                }

                _queue.Acknowledge(oldest.Sequence);
            }
            else if (oldest.Publish.Exception?.InnerException is ArgumentException)
            {
                // A record this broker can never take (an invalid topic): drop it rather than block the queue.
                Interlocked.Increment(ref _refused);
                LogRefused(_logger, oldest.Topic, MqttReasonCode.TopicNameInvalid);
                _queue.Acknowledge(oldest.Sequence);
            }
            else
            {
                session.Cancel();
                return false;
            }
        }

        return true;
    }

    private static async Task WaitQuietlyAsync(Task task, CancellationToken cancellationToken)
        => await task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    /// <summary>The config and command topics at QoS 1 in one SUBSCRIBE; a refusal is logged (commands then never arrive).</summary>
    private async Task SubscribeAsync(MqttClient client, Guid agentId, CancellationToken cancellationToken)
    {
        MqttSubscription[] subscriptions =
        [
            new() { TopicFilter = ConfigTopic(agentId), MaximumQualityOfService = MqttQualityOfService.AtLeastOnce },
            new() { TopicFilter = CommandTopic(agentId), MaximumQualityOfService = MqttQualityOfService.AtLeastOnce },
        ];
        var granted = await client.SubscribeAsync(subscriptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (granted[i] >= MqttReasonCode.UnspecifiedError)
            {
                LogSubscriptionRefused(_logger, subscriptions[i].TopicFilter, granted[i]);
            }
            else
            {
                LogSubscribed(_logger, subscriptions[i].TopicFilter);
            }
        }
    }

    private async Task ReadInboundAsync(MqttClient client, Guid agentId, CancellationToken cancellationToken)
    {
        var configTopic = ConfigTopic(agentId);
        var commandTopic = CommandTopic(agentId);
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.Topic == configTopic)
                {
                    LogConfigAnnounced(_logger);
                    ConfigurationAnnounced?.Invoke(this, EventArgs.Empty);
                }
                else if (message.Topic == commandTopic)
                {
                    LogCommandReceived(_logger, message.Payload.Length);
                    await _commands.Writer.WriteAsync(message.Payload.ToArray(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended.
        }
    }

    private async Task SayGoodbyeAsync(MqttClient client, AgentCredentials credentials)
    {
        using var timeout = new CancellationTokenSource(GoodbyeTimeout);
        try
        {
            var report = _status.Create(AgentState.Offline, "shutdown");
            await client.PublishAsync(StatusTopic(credentials.Enrollment.AgentId), AgentStatusJson.ToUtf8Bytes(report), MqttQualityOfService.AtLeastOnce, retain: true, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(MqttReasonCode.NormalDisconnection, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MqttClientException or OperationCanceledException)
        {
            LogStatusFailed(_logger, exception.Message);
        }
    }
}
