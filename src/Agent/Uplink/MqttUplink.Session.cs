using Proxus.Agent.Identity;
using Proxus.Core.Status;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Agent.Uplink;

/// <summary>One broker session: birth, config and command subscriptions, the queue drain, and the goodbye.</summary>
public sealed partial class MqttUplink
{
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(5);

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
                LogSessionLost(_logger, DescribeError(reason), _queue.Depth);
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

    /// <summary>Publishes the queue in order within the inflight window; each PUBACK acknowledges its record.</summary>
    private async Task DrainAsync(MqttClient client, CancellationTokenSource session, CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(_options.MaxInflight, _options.MaxInflight);
        var pending = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_queue.TryReadNext(out var sequence, out var record))
                {
                    await _queue.WaitForRecordsAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!UplinkRecord.TryDecode(record, out var message, out var error))
                {
                    LogCorruptRecord(_logger, sequence, error);
                    _queue.Acknowledge(sequence);
                    continue;
                }

                await window.WaitAsync(cancellationToken).ConfigureAwait(false);
                var publish = client.PublishAsync(message.Topic, message.Payload, MqttQualityOfService.AtLeastOnce, message.Retain, CancellationToken.None);
                pending.Add(CompleteAsync(publish, sequence, message.Topic, window, session));
                if (pending.Count >= 4 * _options.MaxInflight)
                {
                    pending.RemoveAll(task => task.IsCompleted);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended; unacknowledged records are sent again after the next connect.
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task CompleteAsync(ValueTask<MqttReasonCode> publish, long sequence, string topic, SemaphoreSlim window, CancellationTokenSource session)
    {
        try
        {
            var code = await publish.ConfigureAwait(false);
            if (code >= MqttReasonCode.UnspecifiedError)
            {
                Interlocked.Increment(ref _refused);
                LogRefused(_logger, topic, code);
            }
            else
            {
                Interlocked.Increment(ref _published);
            }

            _queue.Acknowledge(sequence);
        }
        catch (Exception exception) when (exception is MqttClientException or ArgumentException or ObjectDisposedException)
        {
            if (exception is ArgumentException)
            {
                // A record this broker can never take (an invalid topic): drop it rather than block the queue.
                Interlocked.Increment(ref _refused);
                LogRefused(_logger, topic, MqttReasonCode.TopicNameInvalid);
                _queue.Acknowledge(sequence);
            }
            else
            {
                await session.CancelAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            window.Release();
        }
    }

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
