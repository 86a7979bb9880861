namespace Proxus.Web.Tests.Support;

/// <summary>
/// The portal's server for the tests that run a real agent and execute writes: a fast dispatcher
/// sweep and a command lifetime that a loaded machine can meet.
/// </summary>
public sealed class AgentPortalServer : PortalServer
{
    protected override IEnumerable<string> ExtraArguments()
        => ["--Writes:SweepInterval=00:00:00.500", "--Writes:CommandLifetime=00:00:30"];
}
