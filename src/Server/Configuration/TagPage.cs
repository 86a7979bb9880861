using Proxus.Core.Model;

namespace Proxus.Server.Configuration;

/// <summary>One page of a version's tags and how many tags match in all.</summary>
public sealed record TagPage(TagMapVersionInfo Version, int Total, int Offset, int Limit, IReadOnlyList<Tag> Tags);
