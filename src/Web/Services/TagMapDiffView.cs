namespace Proxus.Web.Services;

/// <summary>
/// The exact difference between two versions. The counts are complete; each list holds at most
/// <see cref="MaxItems"/> entries (ordered by path or id), so a huge diff stays a readable page.
/// </summary>
public sealed record TagMapDiffView(
    int AddedTagCount,
    int RemovedTagCount,
    int ChangedTagCount,
    IReadOnlyList<TagView> AddedTags,
    IReadOnlyList<TagView> RemovedTags,
    IReadOnlyList<TagChangeView> ChangedTags,
    IReadOnlyList<ConnectionView> AddedConnections,
    IReadOnlyList<ConnectionView> RemovedConnections,
    IReadOnlyList<ConnectionChangeView> ChangedConnections)
{
    /// <summary>The most entries a list of the diff holds.</summary>
    public const int MaxItems = 500;

    public bool IsEmpty => AddedTagCount == 0 && RemovedTagCount == 0 && ChangedTagCount == 0
        && AddedConnections.Count == 0 && RemovedConnections.Count == 0 && ChangedConnections.Count == 0;
}
