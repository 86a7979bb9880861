namespace Proxus.Web.Tests.Support;

/// <summary>The tests that run the real agent against the portal's server (<see cref="AgentPortalServer"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AgentPortalCollection : ICollectionFixture<AgentPortalServer>
{
    public const string Name = "portal-agent";
}
