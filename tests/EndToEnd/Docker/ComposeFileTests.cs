using Proxus.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>
/// docker/compose.yaml, checked without Docker Compose (this machine has the docker CLI without the
/// compose plugin and no engine): parsed as YAML and held to the structure the deployment relies on.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string ComposeDirectory = Path.Combine(RepositoryPaths.Root, "docker");
    private static readonly string[] TopLevelKeys = ["name", "services", "volumes", "networks"];
    private static readonly string[] ServiceKeys =
        ["image", "build", "restart", "depends_on", "environment", "ports", "volumes", "networks", "read_only", "tmpfs", "security_opt", "cap_drop", "command", "healthcheck"];

    private readonly YamlMappingNode _compose = Load();

    [Fact]
    public void Compose_TopLevel_OnlyKnownKeysAndTheFiveServices()
    {
        _compose.Children.Keys.Select(Text).Should().BeSubsetOf(TopLevelKeys);
        Services.Keys.Should().BeEquivalentTo(["postgres", "server", "agent", "press-modbus", "press-s7"]);
    }

    [Fact]
    public void Compose_EveryService_KnownKeysAnImageAndDeclaredVolumesNetworksAndDependencies()
    {
        var volumes = Mapping(_compose, "volumes").Children.Keys.Select(Text).ToHashSet();
        var networks = Mapping(_compose, "networks").Children.Keys.Select(Text).ToHashSet();
        foreach (var (name, service) in Services)
        {
            service.Children.Keys.Select(Text).Should().BeSubsetOf(ServiceKeys, name);
            service.Children.ContainsKey("image").Should().BeTrue($"{name} names its image");
            foreach (var volume in Sequence(service, "volumes"))
            {
                volumes.Should().Contain(volume.Split(':')[0], $"{name} mounts a declared volume");
            }

            Sequence(service, "networks").Should().NotBeEmpty(name).And.BeSubsetOf(networks, name);
            DependsOn(service).Should().BeSubsetOf(Services.Keys, name);
        }
    }

    [Fact]
    public void Compose_Builds_DockerfilesExistInTheContext()
    {
        foreach (var (name, service) in Services.Where(s => s.Value.Children.ContainsKey("build")))
        {
            var build = Mapping(service, "build");
            var context = Path.GetFullPath(Path.Combine(ComposeDirectory, Text(build["context"])));
            context.Should().Be(RepositoryPaths.Root, name);
            File.Exists(Path.Combine(context, Text(build["dockerfile"]))).Should().BeTrue(name);
        }
    }

    [Fact]
    public void Compose_Server_PostgreSqlPublishedPortsReadOnlyRoot()
    {
        var server = Services["server"];
        var environment = Mapping(server, "environment");

        Text(environment["Database__Provider"]).Should().Be("PostgreSql");
        Text(environment["ConnectionStrings__Proxus"]).Should().Contain("Host=postgres;");
        Sequence(server, "ports").Should().BeEquivalentTo(["8443:8443", "8883:8883"]);
        Text(server["read_only"]).Should().Be("true");
        Sequence(server, "cap_drop").Should().Equal("ALL");
        Mapping(Mapping(server, "depends_on"), "postgres").Children[new YamlScalarNode("condition")].ToString().Should().Be("service_healthy");
    }

    [Fact]
    public void Compose_Agent_NoPortsReadOnlyRootOwnVolume()
    {
        var agent = Services["agent"];

        agent.Children.Should().NotContainKey(new YamlScalarNode("ports"));
        agent.Children.Should().NotContainKey(new YamlScalarNode("expose"));
        Text(agent["read_only"]).Should().Be("true");
        Sequence(agent, "volumes").Should().Equal("agent-data:/var/lib/proxus-agent");
    }

    [Fact]
    public void Compose_Networks_DatabaseAndPlantAreInternal()
    {
        var networks = Mapping(_compose, "networks");

        Text(Mapping(networks, "backend")["internal"]).Should().Be("true");
        Text(Mapping(networks, "plant")["internal"]).Should().Be("true");
        Sequence(Services["postgres"], "networks").Should().Equal("backend");
    }

    [Fact]
    public void Compose_Simulators_ConfigurationFilesAreInTheImage()
    {
        var command = Sequence(Services["press-modbus"], "command");
        var config = command[command.IndexOf("--config") + 1];

        config.Should().StartWith("/opt/proxus-simulators/plant/");
        File.Exists(Path.Combine(RepositoryPaths.Root, "src", "Demo", "Plant", Path.GetFileName(config))).Should().BeTrue();
        Sequence(Services["press-s7"], "command").Should().Equal(["s7", "--bind", "0.0.0.0", "--port", "1102", .. Proxus.Demo.DemoPlant.PressPlcArguments()]);
    }

    private Dictionary<string, YamlMappingNode> Services
        => Mapping(_compose, "services").Children.ToDictionary(c => Text(c.Key), c => (YamlMappingNode)c.Value);

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(ComposeDirectory, "compose.yaml"));
        stream.Load(reader);
        stream.Documents.Should().ContainSingle();
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key)
        => node.Children[new YamlScalarNode(key)].Should().BeOfType<YamlMappingNode>($"'{key}' is a mapping").Subject;

    private static List<string> Sequence(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? [.. value.Should().BeOfType<YamlSequenceNode>($"'{key}' is a list").Subject.Children.Select(Text)]
            : [];

    private static IEnumerable<string> DependsOn(YamlMappingNode service)
        => !service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var value) ? []
            : value is YamlSequenceNode list ? list.Children.Select(Text)
            : ((YamlMappingNode)value).Children.Keys.Select(Text);

    private static string Text(YamlNode node) => node.Should().BeOfType<YamlScalarNode>().Subject.Value!;
}
