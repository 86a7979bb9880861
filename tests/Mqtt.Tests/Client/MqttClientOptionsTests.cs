using System.Security.Cryptography.X509Certificates;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Client;

public sealed class MqttClientOptionsTests
{
    private static readonly MqttClientOptions Valid = new() { Server = new Uri("mqtt://127.0.0.1:1883"), ClientId = "c" };

    public static TheoryData<string, MqttClientOptions> InvalidOptions => new()
    {
        { "http scheme", Valid with { Server = new Uri("http://127.0.0.1:1883") } },
        { "no port", Valid with { Server = new Uri("mqtt://127.0.0.1") } },
        { "version", Valid with { ProtocolVersion = MqttProtocolVersion.Unknown } },
        { "empty id, no clean start", Valid with { ClientId = string.Empty, CleanStart = false } },
        { "keep-alive", Valid with { KeepAlive = TimeSpan.FromSeconds(70_000) } },
        { "password without user in 3.1.1", Valid with { ProtocolVersion = MqttProtocolVersion.V311, Password = new byte[] { 1 } } },
        { "receive maximum", Valid with { ReceiveMaximum = 0 } },
        { "packet size", Valid with { MaximumPacketSize = 10 } },
        { "mqtts without TLS", Valid with { Server = new Uri("mqtts://127.0.0.1:8883") } },
        { "TLS for plain", Valid with { Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = [] } } },
        { "no CA", Valid with { Server = new Uri("mqtts://127.0.0.1:8883"), Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = new X509Certificate2Collection() } } },
        { "reconnect delays", Valid with { Reconnect = new MqttReconnectOptions { InitialDelay = TimeSpan.FromSeconds(5), MaximumDelay = TimeSpan.FromSeconds(1) } } },
        { "connect timeout", Valid with { ConnectTimeout = TimeSpan.Zero } },
        { "received topic cache", Valid with { ReceivedTopicCacheCapacity = -1 } },
        { "recycled payloads without manual acknowledgement", Valid with { RecycleAcknowledgedPayloads = true } },
        { "custom transport with TLS", Valid with { Server = new Uri("mqtts://in-process"), Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = [] }, Transport = NoTransport } },
        { "custom transport with WebSocket", Valid with { Server = new Uri("ws://in-process/mqtt"), Transport = NoTransport } },
    };

    private static Func<CancellationToken, ValueTask<Stream>> NoTransport => _ => throw new InvalidOperationException("Validation never opens it.");

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_Throws(string name, MqttClientOptions options)
    {
        var act = () => new MqttClient(options);

        act.Should().Throw<ArgumentException>(name);
    }

    [Fact]
    public void Validate_CustomTransport_ServerNeedsNoPort()
    {
        var act = () => (Valid with { Server = new Uri("mqtt://in-process"), Transport = NoTransport }).Validate();

        act.Should().NotThrow("the server is only named: the transport reaches it");
    }

    [Theory]
    [InlineData("mqtt://broker:1883")]
    [InlineData("ws://broker:8080/mqtt")]
    [InlineData("ws://broker/mqtt")]
    public void Validate_ValidServer_DoesNotThrow(string server)
    {
        var act = () => (Valid with { Server = new Uri(server) }).Validate();

        act.Should().NotThrow();
    }
}
