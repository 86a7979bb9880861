extern alias edge;

using Proxus.TestSupport;

namespace Proxus.Server.Tests.Documentation;

/// <summary>docs/configuration.md lists every server and agent setting with its environment variable and the code's default.</summary>
public sealed class ConfigurationReferenceTests
{
    private static readonly string Docs = Path.Combine(RepositoryPaths.Root, "docs");
    private static readonly string Page = File.ReadAllText(Path.Combine(Docs, "configuration.md"));

    [Fact]
    public void Reference_EveryServerSetting_DocumentedWithItsVariableAndDefault()
        => ConfigurationReference.Check(Page, [.. ConfigurationReference.ServerSettings(), .. ConfigurationReference.AgentSettings()]).Should().BeEmpty();

    [Fact]
    public void Settings_ReadFromTheCode_IncludeNestedListAndAgentSettings()
    {
        var server = ConfigurationReference.ServerSettings().ToDictionary(s => s.Key);
        var agent = ConfigurationReference.AgentSettings().ToDictionary(s => s.Key);

        server["Mqtt:Broker:MaximumPacketSize"].Should().Be(new DocumentedSetting("Mqtt:Broker:MaximumPacketSize", "Mqtt__Broker__MaximumPacketSize", "1048576"));
        server["Pki:ServerHostNames"].EnvironmentVariable.Should().Be("Pki__ServerHostNames__0");
        server["Telemetry:BatchDelay"].Default.Should().Be("00:00:00.2000000");
        server["Database:Provider"].Default.Should().Be("Sqlite");
        agent["--status-interval"].Default.Should().Be("10");
        agent["--data-dir"].EnvironmentVariable.Should().Be("PROXUS_AGENT_DATA_DIR");
        agent["--server"].DescribedDefault.Should().BeTrue("it is required");
    }

    [Fact]
    public void OptionsClasses_EveryOneOfTheServer_ReachableFromADocumentedSection()
    {
        // The server's own; the MQTT library's client options are built in code from MqttConsumer settings.
        var declared = typeof(Proxus.Server.Pki.PkiOptions).Assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal));

        declared.Should().BeSubsetOf(ConfigurationReference.OptionsTypes(), "a new options class needs its section in ConfigurationReference.Sections and rows in docs/configuration.md");
    }

    [Theory]
    [InlineData("| `Telemetry:BatchSize` | `Telemetry__BatchSize` | `10000` |", "", "Telemetry:BatchSize: not documented")]
    [InlineData("| `Telemetry:BatchSize` | `Telemetry__BatchSize` | `10000` |", "| `Telemetry:BatchSize` | `Telemetry__BatchSize` | `500` |", "Telemetry:BatchSize: default `500`, the code has 10000")]
    [InlineData("| `Telemetry:BatchSize` | `Telemetry__BatchSize` | `10000` |", "| `Telemetry:BatchSize` | `Telemetry_BatchSize` | `10000` |", "Telemetry:BatchSize: environment variable `Telemetry_BatchSize`, expected `Telemetry__BatchSize`")]
    [InlineData("| `Telemetry:BatchSize` | `Telemetry__BatchSize` | `10000` |", "| `Telemetry:BatchSize` | `Telemetry__BatchSize` | *large* |", "Telemetry:BatchSize: default *large*, the code has 10000")]
    [InlineData("| `--status-interval` | — | `10` |", "| `--status-interval` | — | `10` | `run` |\n| `--status-intervall` | — | `10` |", "--status-intervall: documented but no such setting")]
    public void Check_PageThatDiffers_NamesTheSettingAndTheDifference(string row, string replacement, string problem)
    {
        Page.Should().Contain(row);
        var broken = Page.Replace(row, replacement, StringComparison.Ordinal);

        ConfigurationReference.Check(broken, [.. ConfigurationReference.ServerSettings(), .. ConfigurationReference.AgentSettings()]).Should().Equal(problem);
    }

    [Fact]
    public void Reference_LinkedFromTheDocsIndexAndDeployment()
    {
        File.ReadAllText(Path.Combine(Docs, "README.md")).Should().Contain("(configuration.md)");
        File.ReadAllText(Path.Combine(Docs, "deployment.md")).Should().Contain("(configuration.md)");
        Page.Should().Contain(edge::Proxus.Agent.Commissioning.OpcUaEndpoint.PasswordVariable);
    }
}
