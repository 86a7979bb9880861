namespace Proxus.Web.Tests.Support;

/// <summary>
/// The tag-map page tests, the longest of the portal's: a server and a browser of their own, so
/// that they run alongside the other portal tests instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TagMapPortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal-tag-maps";
}
