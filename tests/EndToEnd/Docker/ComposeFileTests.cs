using Proxus.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>
/// docker/compose.yaml: validated by Docker Compose itself (Debian's <c>docker-compose</c>, which
/// <c>./proxus test</c> installs; <c>config</c> needs no engine), and parsed as YAML and held to the
/// structure the deployment relies on.
/// </summary>
public sealed class ComposeFileTests
{
    private const string DockerCompose = "/usr/bin/docker-compose";
    private static readonly TimeSpan ComposeTimeout = TimeSpan.FromSeconds(60);
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

    [Fact]
    public async Task DockerCompose_Config_ValidatesTheFileAndResolvesTheFiveServices()
    {
        await using var quiet = await ComposeAsync(ComposeDirectory, "compose.yaml", "config", "--quiet");
        await using var services = await ComposeAsync(ComposeDirectory, "compose.yaml", "config", "--services");

        quiet.ExitCode.Should().Be(0, quiet.StandardError);
        quiet.StandardError.Should().BeEmpty();
        services.ExitCode.Should().Be(0, services.StandardError);
        services.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Should().BeEquivalentTo(["postgres", "server", "agent", "press-modbus", "press-s7"]);
    }

    [Fact]
    public async Task DockerCompose_Config_WithoutDatabasePassword_Refused()
    {
        await using var compose = await ComposeAsync(ComposeDirectory, "compose.yaml", ["config", "--quiet"], password: string.Empty);

        compose.ExitCode.Should().NotBe(0);
        compose.StandardError.Should().Contain("set PROXUS_DB_PASSWORD");
    }

    [Theory]
    [InlineData("    read_only: true", "    read_only: maybe", "read_only")]
    [InlineData("      - server", "      - serverx", "serverx")]
    [InlineData("    cap_drop:", "    cap_dropp:", "cap_dropp")]
    public async Task DockerCompose_Config_BrokenCopy_RefusedNamingTheProblem(string line, string broken, string named)
    {
        var directory = Directory.CreateTempSubdirectory("proxus-compose-");
        try
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(ComposeDirectory, "compose.yaml"));
            lines.Should().Contain(line);
            await File.WriteAllLinesAsync(Path.Combine(directory.FullName, "compose.yaml"), lines.Select(l => l == line ? broken : l));

            await using var compose = await ComposeAsync(directory.FullName, "compose.yaml", "config", "--quiet");

            compose.ExitCode.Should().NotBe(0, $"'{broken}' is invalid");
            compose.StandardError.Should().Contain(named);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Compose_ProjectName_SetWhereBothComposeVersionsReadIt()
    {
        // Compose v1 refuses the top-level `name` key; both versions read .env beside the compose file.
        _compose.Children.Should().NotContainKey(new YamlScalarNode("name"));
        File.ReadAllLines(Path.Combine(ComposeDirectory, ".env")).Should().Contain("COMPOSE_PROJECT_NAME=proxus");
    }

    private static Task<ExternalProcess> ComposeAsync(string directory, string file, params string[] arguments)
        => ComposeAsync(directory, file, arguments, password: "compose-test-password");

    /// <summary>Runs <c>docker-compose -f FILE ARGUMENTS</c> in <paramref name="directory"/> with <c>PROXUS_DB_PASSWORD</c> set to <paramref name="password"/>.</summary>
    private static async Task<ExternalProcess> ComposeAsync(string directory, string file, string[] arguments, string password)
    {
        File.Exists(DockerCompose).Should().BeTrue("./proxus test installs Debian's docker-compose (apt); install it with: apt-get install -y docker-compose");
        var compose = ExternalProcess.Start(DockerCompose, ["-f", Path.Combine(directory, file), .. arguments], directory, new Dictionary<string, string> { ["PROXUS_DB_PASSWORD"] = password });
        await compose.WaitForExitAsync(ComposeTimeout);
        return compose;
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
