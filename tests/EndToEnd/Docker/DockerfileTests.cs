using Proxus.TestSupport;

namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>
/// The Dockerfiles under docker/, checked without a Docker engine: their structure (multi-stage,
/// non-root, health checks, no port for the agent) and, in <see cref="DockerBuildTests"/>, their
/// build stages run as written.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Programs => ["server", "agent", "simulators"];

    public static Dockerfile Load(string program) => Dockerfile.Load(Path.Combine(RepositoryPaths.Root, "docker", program + ".Dockerfile"));

    [Theory]
    [MemberData(nameof(Programs))]
    public void Dockerfile_Stages_SdkBuildThenNonRootRuntime(string program)
    {
        var file = Load(program);

        file.Stages.Should().HaveCountGreaterThanOrEqualTo(2);
        file.Stages.Should().Contain(s => s.Image == "mcr.microsoft.com/dotnet/sdk:10.0" && s.Name == "build");
        file.Final.Image.Should().BeOneOf("mcr.microsoft.com/dotnet/aspnet:10.0", "mcr.microsoft.com/dotnet/runtime:10.0");
        file.Final.Arguments("USER").Should().Equal("app");
        file.Final.Arguments("ENTRYPOINT").Should().ContainSingle().Which.Should().StartWith("[\"dotnet\"");
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Dockerfile_BuildStage_RestoresThenPublishesWithoutRestoring(string program)
    {
        var runs = Load(program).Stages.Single(s => s.Name == "build").Arguments("RUN").ToList();

        runs.Should().HaveCount(2);
        runs[0].Should().StartWith("dotnet restore src/");
        runs[1].Should().StartWith("dotnet publish src/").And.Contain("-c Release").And.Contain("--no-restore").And.Contain("-o out/");
    }

    [Fact]
    public void ServerDockerfile_HealthcheckProbesHealthzAndPortsAreExposed()
    {
        var runtime = Load("server").Final;

        runtime.Arguments("HEALTHCHECK").Should().ContainSingle().Which.Should().Contain("/healthz");
        runtime.Arguments("EXPOSE").Should().Equal("8443 8883");
        runtime.Arguments("VOLUME").Should().Equal("[\"/var/lib/proxus\"]");
    }

    [Fact]
    public void AgentDockerfile_ExposesNoPortAndKeepsItsStateInAVolume()
    {
        var file = Load("agent");

        file.Stages.SelectMany(s => s.Arguments("EXPOSE")).Should().BeEmpty();
        file.Final.Arguments("VOLUME").Should().Equal("[\"/var/lib/proxus-agent\"]");
        file.Final.Arguments("HEALTHCHECK").Should().ContainSingle().Which.Should().Contain("status");
    }

    [Fact]
    public void DockerIgnore_LeavesBuildOutputsAndDependenciesOutOfTheContext()
    {
        var patterns = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        patterns.Should().Contain(["**/bin/", "**/obj/", "**/node_modules/", ".git/", ".proxus/"]);
    }
}
