namespace Proxus.Server.Api.Contracts;

/// <summary>
/// The exact difference between two tag maps: tags matched by path, connections by id, each list
/// ordered by that key (ordinal).
/// </summary>
public sealed record TagMapDiffResponse(
    IReadOnlyList<IReadOnlyDictionary<string, string>> AddedTags,
    IReadOnlyList<IReadOnlyDictionary<string, string>> RemovedTags,
    IReadOnlyList<TagChangeResponse> ChangedTags,
    IReadOnlyList<ConnectionResponse> AddedConnections,
    IReadOnlyList<ConnectionResponse> RemovedConnections,
    IReadOnlyList<ConnectionChangeResponse> ChangedConnections);
