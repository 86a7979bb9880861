namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>The build stage of <c>docker/simulators.Dockerfile</c>, run as written.</summary>
public sealed class SimulatorsDockerBuildTests : DockerBuildTests
{
    protected override string Program => "simulators";
}
