namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>The build stage of <c>docker/agent.Dockerfile</c>, run as written.</summary>
public sealed class AgentDockerBuildTests : DockerBuildTests
{
    protected override string Program => "agent";
}
