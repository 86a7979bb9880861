namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>The build stage of <c>docker/server.Dockerfile</c>, run as written.</summary>
public sealed class ServerDockerBuildTests : DockerBuildTests
{
    protected override string Program => "server";
}
