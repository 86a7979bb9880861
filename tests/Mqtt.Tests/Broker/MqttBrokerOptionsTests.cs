using Proxus.Mqtt.Broker;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class MqttBrokerOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid()
    {
        new MqttBrokerOptions().Validate().Should().BeEmpty();
    }

    [Fact]
    public void Validate_ImpossibleLimits_EveryProblemReported()
    {
        var options = new MqttBrokerOptions
        {
            MaximumConnections = 0,
            MaximumPacketSize = 10,
            MaximumInFlightMessages = 0,
            ConnectTimeout = TimeSpan.Zero,
        };

        options.Validate().Should().HaveCount(4);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var act = () => new MqttBroker(new MqttBrokerOptions { MaximumTopicLevels = 0 }, new Support.TestBrokerHooks());

        act.Should().Throw<ArgumentException>().WithMessage("*MaximumTopicLevels*");
    }
}
