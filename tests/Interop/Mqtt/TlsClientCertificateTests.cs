using System.Text;
using Proxus.Interop.Tests.Mqtt.Support;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>
/// MQTT over TLS 1.3 with an agent certificate from our CA, against mosquitto, paho and MQTT.js:
/// each connects with its agent id, subscribes to its command topic, publishes its status and a UNS
/// value below its site, and receives a command the server publishes.
/// </summary>
public sealed class TlsClientCertificateTests : IAsyncLifetime
{
    private BrokerHost _host = null!;
    private PemFiles _pki = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerHost.StartAsync(tls: true, allowAnonymous: false);
        _pki = await PemFiles.IssueAsync(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Mosquitto_AgentCertificate_ReceivesCommandAndPublishes()
    {
        await using (var sub = Peers.Sub([.. Tls(_pki.ClientCertificatePath, _pki.ClientKeyPath), "-t", Command, "-q", "1", "-C", "1", "-W", "30", "-d", "-F", "%t %p"]))
        {
            await sub.WaitForOutputAsync("received SUBACK", Peers.Timeout);
            SendCommand("start");
            MosquittoClientTests.Messages(await sub.SucceedsAsync()).Should().Contain($"{Command} start");
        }

        var pub = await Peers.PubAsync([.. Tls(_pki.ClientCertificatePath, _pki.ClientKeyPath), "-t", UnsTopic, "-m", "72.4", "-q", "1", "-d"]);

        pub.ExitCode.Should().Be(0, pub.StandardError);
        pub.StandardOutput.Should().Contain("RC:16");
    }

    [Fact]
    public async Task Mosquitto_CertificateFromUntrustedCa_Refused()
    {
        var pub = await Peers.PubAsync([.. Tls(_pki.ForeignCertificatePath, _pki.ForeignKeyPath), "-t", UnsTopic, "-m", "x"]);

        pub.ExitCode.Should().NotBe(0);
    }

    [Fact]
    public async Task Mosquitto_NoClientCertificate_Refused()
    {
        var pub = await Peers.PubAsync("-h", "127.0.0.1", "-p", Port, "--cafile", _pki.CaPath, "-i", _pki.ClientId, "-t", UnsTopic, "-m", "x");

        pub.ExitCode.Should().NotBe(0);
    }

    [Fact]
    public async Task Mosquitto_PlainEndpointWithoutCertificate_ConnectRefusedWhenAnonymousOff()
    {
        var pub = await Peers.PubAsync("-h", "127.0.0.1", "-p", _host.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "a", "-m", "x", "-V", "mqttv5");

        pub.ExitCode.Should().NotBe(0);
        (pub.StandardError + pub.StandardOutput).Should().ContainEquivalentOf("not authori");
    }

    [Fact]
    public async Task Paho_AgentCertificate_ReceivesCommandAndPublishes()
    {
        await using var paho = Peers.Paho("agent", Port, _pki.CaPath, _pki.ClientCertificatePath, _pki.ClientKeyPath, _pki.ClientId, AgentTopics.Status(_pki.AgentId), Command, UnsTopic);
        await paho.WaitForOutputAsync("READY", Peers.Timeout);

        SendCommand("paho-command");

        (await paho.SucceedsAsync()).Should().Contain("OK paho-command");
    }

    [Fact]
    public async Task MqttJs_AgentCertificate_ReceivesCommandAndPublishes()
    {
        await using var js = Peers.MqttJs("agent", $"mqtts://127.0.0.1:{Port}", "5", _pki.CaPath, _pki.ClientCertificatePath, _pki.ClientKeyPath, _pki.ClientId, AgentTopics.Status(_pki.AgentId), Command, UnsTopic);
        await js.WaitForOutputAsync("READY", Peers.Timeout);

        SendCommand("js-command");

        (await js.SucceedsAsync()).Should().Contain("OK js-command");
    }

    private string Port => _host.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Command => AgentTopics.Command(_pki.AgentId);

    private string UnsTopic => _pki.UnsPrefix + "/Press/Line1/Press_Machine/Temperature_C";

    private void SendCommand(string payload) => _host.Broker.Publish(new MqttRoutedMessage
    {
        Topic = Command,
        Payload = Encoding.UTF8.GetBytes(payload),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
    });

    private string[] Tls(string certificate, string key) => ["-h", "127.0.0.1", "-p", Port, "-V", "mqttv5", "-i", _pki.ClientId, "--cafile", _pki.CaPath, "--cert", certificate, "--key", key];
}
