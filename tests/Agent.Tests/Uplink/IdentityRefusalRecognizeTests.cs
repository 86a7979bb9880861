using System.Net.Sockets;
using Proxus.Agent.Uplink;
using Proxus.Mqtt.Client;

namespace Proxus.Agent.Tests.Uplink;

/// <summary>
/// The shapes a refused identity takes when the server drops the TLS connection before CONNACK: the
/// client reads the end of the stream, or (when its CONNECT crossed the server's close) its write or
/// read fails with a reset or broken pipe.
/// </summary>
public sealed class IdentityRefusalRecognizeTests
{
    private static readonly Uri Tls = new("mqtts://server.example:8883");

    [Theory]
    [InlineData(SocketError.Shutdown)]
    [InlineData(SocketError.ConnectionReset)]
    [InlineData(SocketError.ConnectionAborted)]
    public void Recognize_TlsConnectionResetDuringConnect_IsASuspectedRefusal(SocketError error)
    {
        var exception = DuringConnect(new IOException("Unable to write data to the transport connection.", new SocketException((int)error)));

        IdentityRefusal.Recognize(exception, Tls, out var reason).Should().Be(IdentityRefusalKind.Suspected);
        reason.Should().Contain("before CONNACK");
    }

    [Fact]
    public void Recognize_EndOfStreamBeforeConnAck_IsASuspectedRefusal()
        => IdentityRefusal.Recognize(DuringConnect(new IOException("The server closed the connection before CONNACK.")), Tls, out _).Should().Be(IdentityRefusalKind.Suspected);

    [Fact]
    public void Recognize_ResetWithoutTls_IsNoRefusal()
        => IdentityRefusal.Recognize(DuringConnect(new IOException("Broken pipe.", new SocketException((int)SocketError.Shutdown))), new Uri("mqtt://server.example:1883"), out _).Should().Be(IdentityRefusalKind.None);

    [Fact]
    public void Recognize_ServerNotListening_IsNoRefusal()
        => IdentityRefusal.Recognize(DuringConnect(new IOException("Connection refused.", new SocketException((int)SocketError.ConnectionRefused))), Tls, out _).Should().Be(IdentityRefusalKind.None);

    private static MqttClientException DuringConnect(IOException cause)
        => new(MqttClientError.TransportFailed, "The connection to the server failed during CONNECT: " + cause.Message, null, cause);
}
