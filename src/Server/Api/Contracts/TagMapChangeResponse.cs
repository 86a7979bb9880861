using Proxus.Server.Configuration;

namespace Proxus.Server.Api.Contracts;

/// <summary>
/// A stored change: <c>created</c> (a new version; <c>agentsIssued</c> agents got a new signed
/// configuration) or <c>unchanged</c> (same content as the current version, nothing stored).
/// </summary>
public sealed record TagMapChangeResponse(string Status, TagMapVersionInfo Version, int AgentsIssued);
