namespace Proxus.Web.Services;

/// <summary>
/// The outcome of a change: the version now current and how many agent configurations were issued,
/// or the errors; with <see cref="TagMapChangeOutcome.Conflict"/>, <see cref="Current"/> is the
/// version someone else published meanwhile.
/// </summary>
public sealed record TagMapChangeView(
    TagMapChangeOutcome Outcome,
    TagMapVersionView? Version,
    int AgentsIssued,
    IReadOnlyList<TagMapProblem> Errors,
    TagMapVersionView? Current);
