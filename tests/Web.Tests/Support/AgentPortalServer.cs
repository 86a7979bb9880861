using Proxus.TestSupport;

namespace Proxus.Web.Tests.Support;

/// <summary>
/// The portal's server with what a real agent needs: the broker's mutual-TLS listener (agents dial
/// it), the loopback MQTT listener from which the server's write-results listener reads the
/// agents' results (anonymous there, as in development), and a fast dispatcher.
/// </summary>
public sealed class AgentPortalServer : PortalServer
{
    private readonly int _mqttPort = LoopbackPort.GetFree();

    public int MqttTlsPort { get; } = LoopbackPort.GetFree();

    protected override IEnumerable<string> MqttArguments()
        => [$"--Mqtt:Port={_mqttPort}", $"--Mqtt:TlsPort={MqttTlsPort}", "--Mqtt:AllowAnonymous=true"];

    protected override IEnumerable<string> ExtraArguments()
        => [$"--Writes:ResultsBroker=mqtt://127.0.0.1:{_mqttPort}", "--Writes:SweepInterval=00:00:00.500", "--Writes:CommandLifetime=00:00:30"];
}
