namespace Proxus.Web.Tests.Support;

/// <summary>
/// The journeys that run the real agent from enrollment to its configuration and values (admin, OT engineer, approver)
/// and the control writes, against a server of their own (<see cref="AgentPortalServer"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class AgentPortalCollection : ICollectionFixture<AgentPortalServer>
{
    public const string Name = "portal-agent";
}
