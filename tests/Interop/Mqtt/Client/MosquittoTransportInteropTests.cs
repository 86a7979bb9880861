using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Proxus.Interop.Tests.Mqtt.Client.Support;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.TestSupport;
using static Proxus.Interop.Tests.Mqtt.Client.Support.InteropClients;

namespace Proxus.Interop.Tests.Mqtt.Client;

/// <summary>Our client against mosquitto over WebSocket, TLS with client certificates, and WebSocket over TLS.</summary>
public sealed class MosquittoTransportInteropTests : IDisposable
{
    private readonly TestCertificates _pki = TestCertificates.Create();
    private readonly X509Certificate2 _clientCertificate;

    public MosquittoTransportInteropTests()
    {
        _clientCertificate = _pki.IssueClient("agent-1");
    }

    public void Dispose()
    {
        _clientCertificate.Dispose();
        _pki.Dispose();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task WebSocket_PublishSubscribe_RoundTrips(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync(webSockets: true);
        var ws = new Uri($"ws://127.0.0.1:{broker.WebSocketPort}/mqtt");
        await using var subscriber = await ConnectAsync(ws, "ws-sub", version);
        await using var publisher = await ConnectAsync(broker.Uri, "tcp-pub", version);
        await subscriber.SubscribeAsync("ws/#", MqttQualityOfService.ExactlyOnce).WaitAsync(TestTimeout);

        await publisher.PublishAsync("ws/big", new byte[100_000], MqttQualityOfService.ExactlyOnce).AsTask().WaitAsync(TestTimeout);
        (await subscriber.PublishAsync("ws/echo", Encoding.UTF8.GetBytes("hi"), MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(TestTimeout))
            .Should().Be(MqttReasonCode.Success);

        var received = await subscriber.ReadAsync(2);
        received.Select(m => (m.Topic, m.Payload.Length)).Should().Equal(("ws/big", 100_000), ("ws/echo", 2));
    }

    [Fact]
    public async Task Tls_ClientCertificateFromTheCa_ConnectsAndRoundTrips()
    {
        await using var broker = await MosquittoBroker.StartAsync(_pki);
        await using var client = await ConnectAsync(TlsOptions(new Uri($"mqtts://127.0.0.1:{broker.TlsPort}"), _clientCertificate, _pki.Ca));
        await client.SubscribeAsync("secure/#").WaitAsync(TestTimeout);

        await client.PublishAsync("secure/x", new byte[] { 42 }, MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(TestTimeout);

        (await client.ReadAsync(1)).Single().Payload.ToArray().Should().Equal(42);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Tls_EachProtocolVersion_Connects(SslProtocols protocol)
    {
        await using var broker = await MosquittoBroker.StartAsync(_pki);
        var options = TlsOptions(new Uri($"mqtts://127.0.0.1:{broker.TlsPort}"), _clientCertificate, _pki.Ca);
        await using var client = await ConnectAsync(options with { Tls = options.Tls! with { EnabledProtocols = protocol } });

        client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task Tls_ServerCertificateFromForeignCa_IsRejected()
    {
        await using var broker = await MosquittoBroker.StartAsync(_pki);
        using var foreignCa = TestCertificates.CreateCa("Somebody Else's CA");
        await using var client = new MqttClient(TlsOptions(new Uri($"mqtts://127.0.0.1:{broker.TlsPort}"), _clientCertificate, foreignCa));

        var error = await client.Invoking(c => c.ConnectAsync().WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.TransportFailed);
        error.Which.InnerException.Should().BeOfType<AuthenticationException>();
    }

    [Fact]
    public async Task Tls_ServerNameMismatch_IsRejected()
    {
        await using var broker = await MosquittoBroker.StartAsync(_pki);
        var options = TlsOptions(new Uri($"mqtts://127.0.0.1:{broker.TlsPort}"), _clientCertificate, _pki.Ca);
        await using var client = new MqttClient(options with { Tls = options.Tls! with { TargetHost = "broker.example.com" } });

        var error = await client.Invoking(c => c.ConnectAsync().WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.InnerException.Should().BeOfType<AuthenticationException>();
    }

    [Fact]
    public async Task Tls_NoClientCertificate_BrokerRefusesTheConnection()
    {
        await using var broker = await MosquittoBroker.StartAsync(_pki);
        await using var client = new MqttClient(TlsOptions(new Uri($"mqtts://127.0.0.1:{broker.TlsPort}"), null, _pki.Ca));

        await client.Invoking(c => c.ConnectAsync().WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task SecureWebSocket_ClientCertificate_RoundTrips()
    {
        await using var broker = await MosquittoBroker.StartAsync(_pki, webSockets: true);
        await using var client = await ConnectAsync(TlsOptions(new Uri($"wss://127.0.0.1:{broker.SecureWebSocketPort}/mqtt"), _clientCertificate, _pki.Ca));
        await client.SubscribeAsync("wss/#").WaitAsync(TestTimeout);

        await client.PublishAsync("wss/x", new byte[] { 7 }, MqttQualityOfService.ExactlyOnce).AsTask().WaitAsync(TestTimeout);

        (await client.ReadAsync(1)).Single().Topic.Should().Be("wss/x");
    }

    private static MqttClientOptions TlsOptions(Uri server, X509Certificate2? clientCertificate, X509Certificate2 trustedCa) => Options(server, "tls-client") with
    {
        Tls = new MqttClientTlsOptions
        {
            TrustedCertificateAuthorities = [trustedCa],
            ClientCertificate = clientCertificate,
        },
    };
}
