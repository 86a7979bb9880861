using Proxus.Server.Configuration;

namespace Proxus.Server.Api.Contracts;

/// <summary>The connections of a tag-map version.</summary>
public sealed record ConnectionsResponse(TagMapVersionInfo Version, IReadOnlyList<ConnectionResponse> Connections);
