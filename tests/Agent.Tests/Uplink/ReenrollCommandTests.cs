using Proxus.Agent.Identity;
using Proxus.Agent.Tests.Support;
using Proxus.Agent.Uplink;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Uplink;

public sealed class ReenrollCommandTests : IDisposable
{
    private readonly TestCertificates _pki = TestCertificates.Create();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void For_DefaultBroker_NamesServerFingerprintAndDataDirectoryWithoutBroker()
    {
        using var agent = TestAgent.Create(_pki, new Uri("mqtts://proxus.example.com:8883"), new Uri("https://proxus.example.com:8443/"));
        using var credentials = AgentCredentials.Load(agent.Paths);

        var command = ReenrollCommand.For(credentials, agent.Paths.Root);

        command.Should().Be($"proxus-agent enroll --server https://proxus.example.com:8443/ --token \"<new token from the portal>\" --ca-fingerprint {EnrollmentClient.FingerprintOf(_pki.Ca)} --data-dir {agent.Paths.Root} --force");
    }

    [Fact]
    public void For_OtherBrokerAndNoDataDirectory_NamesTheBrokerAndNoDirectory()
    {
        using var agent = TestAgent.Create(_pki, new Uri("mqtts://broker.example.com:18883"), new Uri("https://proxus.example.com:8443/"));
        using var credentials = AgentCredentials.Load(agent.Paths);

        var command = ReenrollCommand.For(credentials, dataDirectory: null);

        command.Should().Contain(" --broker mqtts://broker.example.com:18883/").And.NotContain("--data-dir").And.EndWith(" --force");
    }
}
