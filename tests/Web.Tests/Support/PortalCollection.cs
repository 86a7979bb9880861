namespace Proxus.Web.Tests.Support;

/// <summary>
/// One server and one browser for the portal tests but those of <see cref="TagMapPortalCollection"/> and
/// <see cref="AgentPortalCollection"/>: sign-in, users, viewers, the agent page, alerts, audit and tag-map access. The
/// tests of a collection run one after the other; the three collections run side by side (see AssemblyInfo.cs), and
/// their tests are spread so that the three end close together.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
