namespace Proxus.Web.Services;

/// <summary>One page of a version's tags, how many match in all, and the version's connection ids.</summary>
public sealed record TagPageView(TagMapVersionView Version, int Total, int Offset, int Limit, IReadOnlyList<TagView> Tags, IReadOnlyList<string> ConnectionIds);
