using Proxus.Server.Mqtt;

namespace Proxus.Server.Tests.Mqtt;

public sealed class MqttServerOptionsValidatorTests
{
    private readonly MqttServerOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        _validator.Validate(null, new MqttServerOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_ServerCertificateFilesMissing_Fails()
    {
        var options = new MqttServerOptions { Tls = new MqttTlsOptions { CertificatePath = "/nonexistent/server.pem", KeyPath = "/nonexistent/server.key" } };

        var result = _validator.Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain(f => f.Contains("CertificatePath", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("KeyPath", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyWithoutCertificate_Fails()
    {
        var key = Path.GetTempFileName();
        try
        {
            var options = new MqttServerOptions { Tls = new MqttTlsOptions { KeyPath = key } };

            var result = _validator.Validate(null, options);

            result.Failures.Should().ContainSingle().Which.Should().Contain("needs Mqtt:Tls:CertificatePath");
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Fact]
    public void Validate_BadPortsAndBrokerLimits_Fails()
    {
        var options = new MqttServerOptions { Port = 70_000, WebSocketPath = "mqtt" };
        options.Broker.MaximumConnections = 0;

        var result = _validator.Validate(null, options);

        result.Failures.Should().HaveCount(3);
    }
}
