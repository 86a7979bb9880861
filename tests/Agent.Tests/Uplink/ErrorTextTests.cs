using Proxus.Agent.Uplink;
using Proxus.Mqtt.Client;

namespace Proxus.Agent.Tests.Uplink;

public sealed class ErrorTextTests
{
    [Fact]
    public void Describe_CauseQuotedByTheWrapper_AppearsOnce()
    {
        var closed = new IOException("The server closed the connection before CONNACK.");
        var wrapped = new MqttClientException(MqttClientError.TransportFailed, $"The connection to mqtts://127.0.0.1:8883/ failed during CONNECT: {closed.Message}", null, closed);

        ErrorText.Describe(wrapped).Should().Be("The connection to mqtts://127.0.0.1:8883/ failed during CONNECT: The server closed the connection before CONNACK.");
    }

    [Fact]
    public void Describe_DistinctCauses_AreJoinedOutermostFirstUpToFour()
    {
        var chain = new InvalidOperationException("a", new IOException("b", new IOException("c", new IOException("d", new IOException("e")))));

        ErrorText.Describe(chain).Should().Be("a <- b <- c <- d");
    }
}
