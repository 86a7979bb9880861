namespace Proxus.Web.Tests.Support;

/// <summary>A site a test created with its UNS namespace <c>Enterprise/Level</c> and one agent.</summary>
public sealed record TagMapSite(string Id, string Name, string Enterprise, string Level, string AgentId, string AgentName)
{
    /// <summary>A tag path below the site: <c>Enterprise/Level/Press/Line1/Machine/NAME</c>.</summary>
    public string TagPath(string name) => $"{Enterprise}/{Level}/Press/Line1/Machine/{name}";
}
