namespace Proxus.Web.Tests.Support;

/// <summary>One server and one browser for every portal test; the tests run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
