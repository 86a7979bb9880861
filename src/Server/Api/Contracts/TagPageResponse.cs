using Proxus.Server.Configuration;

namespace Proxus.Server.Api.Contracts;

/// <summary>A page of a version's tags, each as its tag-map fields (CSV columns) with text values; <c>total</c> counts every match.</summary>
public sealed record TagPageResponse(TagMapVersionInfo Version, int Total, int Offset, int Limit, IReadOnlyList<IReadOnlyDictionary<string, string>> Tags);
