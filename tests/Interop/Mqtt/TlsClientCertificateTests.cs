using Proxus.Interop.Tests.Mqtt.Support;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>MQTT over TLS with a required client certificate, against mosquitto, paho and MQTT.js.</summary>
public sealed class TlsClientCertificateTests : IAsyncLifetime
{
    private readonly PemFiles _pki = new();
    private BrokerHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerHost.StartAsync(tls: _pki.ServerTls, allowAnonymous: false);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Mosquitto_TrustedClientCertificate_PublishesAndSubscribes()
    {
        await using var sub = Peers.Sub([.. Tls(_pki.ClientCertificatePath, _pki.ClientKeyPath), "-t", "secure/#", "-q", "1", "-C", "1", "-W", "30", "-d", "-F", "%t %p"]);
        await sub.WaitForOutputAsync("received SUBACK", Peers.Timeout);

        var pub = await Peers.PubAsync([.. Tls(_pki.ClientCertificatePath, _pki.ClientKeyPath), "-t", "secure/a", "-m", "ok", "-q", "1"]);

        pub.ExitCode.Should().Be(0, pub.StandardError);
        MosquittoClientTests.Messages(await sub.SucceedsAsync()).Should().Equal("secure/a ok");
    }

    [Fact]
    public async Task Mosquitto_CertificateFromUntrustedCa_Refused()
    {
        var pub = await Peers.PubAsync([.. Tls(_pki.ForeignCertificatePath, _pki.ForeignKeyPath), "-t", "secure/a", "-m", "x"]);

        pub.ExitCode.Should().NotBe(0);
    }

    [Fact]
    public async Task Mosquitto_NoClientCertificate_Refused()
    {
        var pub = await Peers.PubAsync("-h", "127.0.0.1", "-p", Port, "--cafile", _pki.CaPath, "-t", "secure/a", "-m", "x");

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
    public async Task Paho_TrustedClientCertificate_RoundTrip()
    {
        await using var paho = Peers.Paho("roundtrip", Port, "5", "1", "5", _pki.CaPath, _pki.ClientCertificatePath, _pki.ClientKeyPath);

        (await paho.SucceedsAsync()).Should().Contain("OK 5");
    }

    [Fact]
    public async Task MqttJs_TrustedClientCertificate_RoundTrip()
    {
        await using var js = Peers.MqttJs("roundtrip", $"mqtts://127.0.0.1:{Port}", "5", "2", "5", _pki.CaPath, _pki.ClientCertificatePath, _pki.ClientKeyPath);

        (await js.SucceedsAsync()).Should().Contain("OK 5");
    }

    private string Port => _host.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string[] Tls(string certificate, string key) => ["-h", "127.0.0.1", "-p", Port, "--cafile", _pki.CaPath, "--cert", certificate, "--key", key];
}
