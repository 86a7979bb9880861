using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>
/// <see cref="MqttConsumerOptions"/> bound the way the server binds it (<see cref="MqttConsumerHostingExtensions.AddProxusMqttConsumers"/>
/// over the configuration providers a host has): a configured list of UNS filters replaces the default.
/// </summary>
public sealed class MqttConsumerOptionsBindingTests
{
    [Fact]
    public void UnsFilters_NothingConfigured_EveryTopic()
    {
        Bind(new ConfigurationBuilder()).ResolveUnsFilters().Should().Equal("#");
    }

    [Fact]
    public void UnsFilters_ConfiguredOnTheCommandLine_ReplaceTheDefault()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--MqttConsumer:UnsFilters:0=enterprise/#"]);

        Bind(configuration).ResolveUnsFilters().Should().Equal("enterprise/#");
    }

    [Fact]
    public void UnsFilters_ConfiguredInTheEnvironment_ReplaceTheDefault()
    {
        var prefix = "PROXUS_TEST_" + Guid.NewGuid().ToString("N") + "_";
        Environment.SetEnvironmentVariable(prefix + "MqttConsumer__UnsFilters__0", "SiteA/#");
        Environment.SetEnvironmentVariable(prefix + "MqttConsumer__UnsFilters__1", "SiteB/+/Line1/#");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix);

            Bind(configuration).ResolveUnsFilters().Should().Equal("SiteA/#", "SiteB/+/Line1/#");
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "MqttConsumer__UnsFilters__0", null);
            Environment.SetEnvironmentVariable(prefix + "MqttConsumer__UnsFilters__1", null);
        }
    }

    [Fact]
    public void UnsFilters_ConfiguredInJsonAndOverriddenOnTheCommandLine_LastSourceWinsPerIndex()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MqttConsumer:UnsFilters:0"] = "Acme/#", ["MqttConsumer:UnsFilters:1"] = "Other/#" })
            .AddCommandLine(["--MqttConsumer:UnsFilters:0=SiteA/#"]);

        Bind(configuration).ResolveUnsFilters().Should().Equal("SiteA/#", "Other/#");
    }

    private static MqttConsumerOptions Bind(IConfigurationBuilder configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration.Build());
        services.AddProxusMqttConsumers();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MqttConsumerOptions>>().Value;
    }
}
