namespace Proxus.Web.Tests.Support;

/// <summary>One server and one browser for the portal tests (but those of <see cref="TagMapPortalCollection"/> and <see cref="AgentPortalCollection"/>); the tests run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
