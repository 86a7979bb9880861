using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Server.Mqtt;

/// <summary>
/// The mechanism shared by the server's MQTT consumers: one <see cref="MqttClient"/> from
/// <see cref="MqttConsumerClientFactory"/>, connected with retries until it succeeds (the broker may
/// start after us: the embedded one listens once Kestrel has started), handed to
/// <see cref="ConsumeAsync"/>, and subscribed. The client reconnects by itself afterwards and
/// restores the subscriptions when the broker lost the session.
/// </summary>
public abstract partial class MqttConsumerService : BackgroundService
{
    private static readonly TimeSpan MaxConnectDelay = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MqttConsumerClientFactory _factory;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    protected MqttConsumerService(MqttConsumerClientFactory factory, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _factory = factory;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger(GetType());
    }

    /// <summary>Completes once the broker granted the subscriptions (for readiness checks and tests).</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Appended to the configured client id.</summary>
    protected abstract string Role { get; }

    /// <summary>Keep the broker session (and its unacknowledged messages) across connections and restarts.</summary>
    protected abstract bool PersistentSession { get; }

    /// <summary>Acknowledge messages with <see cref="MqttClient.Acknowledge"/> rather than when taken.</summary>
    protected abstract bool ManualAcknowledgement { get; }

    /// <summary>
    /// With <see cref="ManualAcknowledgement"/>: the client reuses a message's payload memory once the
    /// message is acknowledged (<see cref="MqttClientOptions.RecycleAcknowledgedPayloads"/>), for a
    /// consumer that reads every payload before acknowledging it and never after.
    /// </summary>
    protected virtual bool RecyclesAcknowledgedPayloads => false;

    /// <summary>The subscriptions made after connecting.</summary>
    protected abstract IReadOnlyList<MqttSubscription> Subscriptions { get; }

    /// <summary>Reads <see cref="MqttClient.Messages"/> until <paramref name="stoppingToken"/> is canceled.</summary>
    protected abstract Task ConsumeAsync(MqttClient client, CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _factory.Create(Role, PersistentSession, ManualAcknowledgement);
        if (options is null)
        {
            LogNoBroker(_logger, Role);
            return;
        }

        options = options with { RecycleAcknowledgedPayloads = RecyclesAcknowledgedPayloads };

        var client = new MqttClient(options, _loggerFactory.CreateLogger<MqttClient>());
        await using (client.ConfigureAwait(false))
        {
            try
            {
                await ConnectAsync(client, options, stoppingToken);

                // Consume before the SUBACK: a resumed session delivers its queued messages first,
                // and a client whose buffer is full reads nothing more, SUBACK included.
                var consuming = ConsumeAsync(client, stoppingToken);
                await SubscribeAsync(client, stoppingToken);
                await consuming;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping; disposing the client disconnects it.
            }
        }
    }

    private async Task ConnectAsync(MqttClient client, MqttClientOptions options, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.ConnectAsync(stoppingToken);
                LogConnected(_logger, Role, options.Server, options.ClientId);
                return;
            }
            catch (MqttClientException e)
            {
                LogConnectFailed(_logger, e, Role, options.Server, attempt, delay);
            }

            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxConnectDelay.Ticks));
        }
    }

    private async Task SubscribeAsync(MqttClient client, CancellationToken stoppingToken)
    {
        var subscriptions = Subscriptions;
        var delay = TimeSpan.FromMilliseconds(200);
        IReadOnlyList<MqttReasonCode> codes;
        while (true)
        {
            try
            {
                codes = await client.SubscribeAsync(subscriptions, cancellationToken: stoppingToken);
                break;
            }
            catch (MqttClientException e)
            {
                // The connection dropped before SUBACK; the client is reconnecting.
                LogSubscribeFailed(_logger, e, Role, delay);
            }

            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxConnectDelay.Ticks));
        }

        for (var i = 0; i < subscriptions.Count; i++)
        {
            if (codes[i] >= MqttReasonCode.UnspecifiedError)
            {
                throw new InvalidOperationException($"The broker refused the {Role} subscription to '{subscriptions[i].TopicFilter}': {codes[i]}.");
            }
        }

        _subscribed.TrySetResult();
    }

    [LoggerMessage(EventId = 8110, Level = LogLevel.Warning, Message = "MQTT {Role} consumer off: consumers disabled, or no external broker (MqttConsumer:Url) and no loopback listener on the embedded one (Mqtt:Port)")]
    private static partial void LogNoBroker(ILogger logger, string role);

    [LoggerMessage(EventId = 8111, Level = LogLevel.Information, Message = "MQTT {Role} consumer connected to {Server} as {ClientId}")]
    private static partial void LogConnected(ILogger logger, string role, Uri server, string clientId);

    [LoggerMessage(EventId = 8112, Level = LogLevel.Warning, Message = "MQTT {Role} consumer cannot connect to {Server} (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string role, Uri server, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 8113, Level = LogLevel.Warning, Message = "MQTT {Role} consumer: subscribing failed; retrying in {Delay}")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string role, TimeSpan delay);
}
