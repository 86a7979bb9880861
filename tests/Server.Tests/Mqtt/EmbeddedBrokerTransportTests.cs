using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>
/// The server's consumers on the embedded broker, connected in-process: the broker authenticates
/// them like any connection (transport "memory"), QoS 1 messages stay unacknowledged until the
/// consumer acknowledges them, and the connection survives the broker closing it.
/// </summary>
public sealed class EmbeddedBrokerTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ServerMqttCredentials _credentials = new();
    private readonly RecordingHooks _hooks;
    private readonly MqttBroker _broker;
    private readonly MqttConsumerClientFactory _factory;
    private readonly string _clientId = "proxus-test-" + Guid.NewGuid().ToString("N")[..8];

    public EmbeddedBrokerTransportTests()
    {
        _hooks = new RecordingHooks(_credentials);
        _broker = new MqttBroker(new MqttBrokerOptions(), _hooks);
        _factory = Factory(new EmbeddedBrokerTransport(_broker, NullLogger<EmbeddedBrokerTransport>.Instance), mqttPort: 1883);
    }

    public Task InitializeAsync() => _broker.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Connect_ConsumerOptions_BrokerAuthenticatesTheServerOnAnInProcessConnection()
    {
        var options = _factory.Create("ingest", persistentSession: true, manualAcknowledgement: true)!;
        await using var client = new MqttClient(options);

        await client.ConnectAsync(Cancel());

        options.Server.Should().Be(MqttConsumerClientFactory.EmbeddedBrokerName);
        var context = _hooks.Authentications.Should().ContainSingle().Subject;
        context.Transport.Should().Be(EmbeddedBrokerTransport.TransportName);
        context.RemoteEndPoint.Should().BeNull();
        context.ClientId.Should().Be(_clientId + "-ingest");
        _credentials.Match(context).Should().BeTrue();
        _broker.ConnectionCount.Should().Be(1, "the broker counts the connection like any other");
    }

    [Fact]
    public void Create_NoEmbeddedBrokerInThisProcess_NoConsumer()
        => Factory(embeddedBroker: null, mqttPort: 1883).Create("ingest", persistentSession: true, manualAcknowledgement: true).Should().BeNull();

    [Fact]
    public void Create_LoopbackListenerOff_NoConsumerAsBefore()
        => Factory(new EmbeddedBrokerTransport(_broker, NullLogger<EmbeddedBrokerTransport>.Instance), mqttPort: 0)
            .Create("ingest", persistentSession: true, manualAcknowledgement: true).Should().BeNull();

    [Fact]
    public async Task Consume_QoS1TakenButNotAcknowledged_RedeliveredToTheNextConnectionOnly()
    {
        var options = _factory.Create("ingest", persistentSession: true, manualAcknowledgement: true)!;
        await using (var consumer = new MqttClient(options))
        {
            await consumer.ConnectAsync(Cancel());
            (await consumer.SubscribeAsync("$share/proxus-ingest/Acme/#", MqttQualityOfService.AtLeastOnce, Cancel())).Should().Be(MqttReasonCode.GrantedQoS1);
            await PublishAsync("Acme/Line1/T1", "one", "two", "three");

            var first = await consumer.Messages.ReadAsync(Cancel());
            await consumer.Messages.ReadAsync(Cancel());
            await consumer.Messages.ReadAsync(Cancel());

            // Only the first is "committed"; the other two are still unacknowledged when the node stops.
            consumer.Acknowledge(first).Should().BeTrue();
        }

        await using var next = new MqttClient(options);
        await next.ConnectAsync(Cancel());
        var redelivered = new[] { await next.Messages.ReadAsync(Cancel()), await next.Messages.ReadAsync(Cancel()) };

        redelivered.Select(m => Encoding.UTF8.GetString(m.Payload.Span)).Should().Equal("two", "three");
        foreach (var message in redelivered)
        {
            next.Acknowledge(message).Should().BeTrue();
        }

        await PublishAsync("Acme/Line1/T1", "four");
        Encoding.UTF8.GetString((await next.Messages.ReadAsync(Cancel())).Payload.Span).Should().Be("four", "the acknowledged message is not delivered again");
    }

    [Fact]
    public async Task Connection_BrokerClosesIt_ClientReconnectsInProcessAndResubscribes()
    {
        await using var consumer = new MqttClient(_factory.Create("status", persistentSession: false, manualAcknowledgement: false)!);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await consumer.ConnectAsync(Cancel());
        consumer.Connected += (_, _) => reconnected.TrySetResult();
        await consumer.SubscribeAsync("Acme/#", MqttQualityOfService.AtLeastOnce, Cancel());

        _broker.DisconnectIdentity(new ServerMqttIdentity(_clientId + "-status")).Should().Be(1);

        await reconnected.Task.WaitAsync(Timeout);
        _hooks.Authentications.Should().HaveCount(2).And.OnlyContain(c => c.Transport == EmbeddedBrokerTransport.TransportName);
        await Eventually.HoldsAsync(() => _broker.ConnectionCount == 1, "the old connection is gone and the new one counted");
        await PublishAsync("Acme/Line2/T2", "after");
        Encoding.UTF8.GetString((await consumer.Messages.ReadAsync(Cancel())).Payload.Span).Should().Be("after", "the client restored its subscription on the new session");
    }

    [Fact]
    public async Task Connection_BrokerStops_EndsAndNewConnectionsFail()
    {
        var options = _factory.Create("ingest", persistentSession: false, manualAcknowledgement: true)! with { Reconnect = new MqttReconnectOptions { Enabled = false } };
        await using var consumer = new MqttClient(options);
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        consumer.Disconnected += (_, e) => disconnected.TrySetResult(e);
        await consumer.ConnectAsync(Cancel());

        await _broker.StopAsync(Cancel());

        (await disconnected.Task.WaitAsync(Timeout)).Reason.Should().BeOfType<MqttClientException>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.ServerShuttingDown);
        await using var late = new MqttClient(options);
        var connecting = () => late.ConnectAsync(Cancel());
        (await connecting.Should().ThrowAsync<MqttClientException>()).Which.Error.Should().Be(MqttClientError.TransportFailed);
    }

    private static CancellationToken Cancel() => new CancellationTokenSource(Timeout).Token;

    private MqttConsumerClientFactory Factory(EmbeddedBrokerTransport? embeddedBroker, int mqttPort) => new(
        Options.Create(new MqttConsumerOptions { ClientId = _clientId }),
        Options.Create(new MqttServerOptions { Port = mqttPort }),
        _credentials,
        embeddedBroker);

    private async Task PublishAsync(string topic, params string[] payloads)
    {
        await using var publisher = new MqttClient(_factory.Create("publisher-" + Guid.NewGuid().ToString("N")[..6], persistentSession: false, manualAcknowledgement: false)!);
        await publisher.ConnectAsync(Cancel());
        foreach (var payload in payloads)
        {
            (await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes(payload), MqttQualityOfService.AtLeastOnce, cancellationToken: Cancel())).Should().Be(MqttReasonCode.Success);
        }
    }

    /// <summary>Accepts the server's own credentials only, with full access, and records every CONNECT.</summary>
    private sealed class RecordingHooks(ServerMqttCredentials credentials) : IMqttBrokerHooks
    {
        private readonly List<MqttAuthenticationContext> _authentications = [];

        public IReadOnlyList<MqttAuthenticationContext> Authentications
        {
            get
            {
                lock (_authentications)
                {
                    return [.. _authentications];
                }
            }
        }

        public ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationContext context, CancellationToken cancellationToken)
        {
            if (!context.ClientId.Contains("-publisher-", StringComparison.Ordinal))
            {
                lock (_authentications)
                {
                    _authentications.Add(context);
                }
            }

            return ValueTask.FromResult(credentials.Match(context)
                ? MqttAuthenticationResult.Accept(new ServerMqttIdentity(context.ClientId), ushort.MaxValue)
                : MqttAuthenticationResult.Reject(MqttReasonCode.BadUserNameOrPassword));
        }

        public ValueTask<bool> AuthorizePublishAsync(MqttPublishAuthorizationContext context, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ValueTask<bool> AuthorizeSubscribeAsync(MqttSubscribeAuthorizationContext context, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public void OnDenied(MqttDenial denial)
        {
        }
    }
}
