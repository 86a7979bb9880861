namespace Proxus.Demo;

/// <summary>A site of the sample enterprise: its UNS namespace, its one agent and its tag map.</summary>
/// <param name="Name">The site's display name.</param>
/// <param name="Enterprise">The first UNS level.</param>
/// <param name="SiteLevel">The second UNS level.</param>
/// <param name="AgentName">The agent the site's connections name.</param>
/// <param name="TagMapFile">The YAML tag map under <c>Plant/</c>, with <c>{{PORT}}</c> placeholders.</param>
/// <param name="WritesEnabled">Whether governed writes are enabled for the site (off by default in Proxus).</param>
public sealed record DemoSite(string Name, string Enterprise, string SiteLevel, string AgentName, string TagMapFile, bool WritesEnabled)
{
    public string Prefix => Enterprise + "/" + SiteLevel;
}
