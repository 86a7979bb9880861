using Proxus.Server.Mqtt;

namespace Proxus.Server.Tests.Mqtt;

public sealed class MqttConsumerOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_EmbeddedBrokerIsValid()
    {
        new MqttConsumerOptionsValidator().Validate(null, new MqttConsumerOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_ExternalPlainBrokerWithCredentials_Valid()
    {
        var options = new MqttConsumerOptions { Url = "mqtt://broker.example:1883", Username = "ingest", Password = "secret", UnsFilters = ["Acme/#", "Other/+/Line1/#"] };

        new MqttConsumerOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    public static TheoryData<string, MqttConsumerOptions> Invalid => new()
    {
        { "Url", new MqttConsumerOptions { Url = "http://broker:80" } },
        { "Url", new MqttConsumerOptions { Url = "not a url" } },
        { "CaCertificatePath is required", new MqttConsumerOptions { Url = "mqtts://broker:8883" } },
        { "does not exist", new MqttConsumerOptions { Url = "mqtts://broker:8883", CaCertificatePath = "/nonexistent/ca.pem" } },
        { "plain mqtt://", new MqttConsumerOptions { Url = "mqtt://broker:1883", CaCertificatePath = "/etc/hostname" } },
        { "Password needs", new MqttConsumerOptions { Url = "mqtt://broker:1883", Password = "x" } },
        { "ClientId", new MqttConsumerOptions { ClientId = " " } },
        { "ReceiveMaximum", new MqttConsumerOptions { ReceiveMaximum = 0 } },
        { "ReceiveMaximum", new MqttConsumerOptions { ReceiveMaximum = 70_000 } },
        { "SessionExpiry", new MqttConsumerOptions { SessionExpiry = TimeSpan.FromSeconds(-1) } },
        { "ShareGroup", new MqttConsumerOptions { ShareGroup = "a/b" } },
        { "ShareGroup", new MqttConsumerOptions { ShareGroup = string.Empty } },
        { "'Acme/#/x'", new MqttConsumerOptions { UnsFilters = ["Acme/#/x"] } },
        { "'Acme/a+'", new MqttConsumerOptions { UnsFilters = ["Acme/a+"] } },
        { "'$SYS/#'", new MqttConsumerOptions { UnsFilters = ["$SYS/#"] } },
        { "''", new MqttConsumerOptions { UnsFilters = [string.Empty] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Invalid_FailsNamingTheProblem(string expected, MqttConsumerOptions options)
    {
        var result = new MqttConsumerOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }
}
