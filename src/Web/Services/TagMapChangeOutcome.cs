namespace Proxus.Web.Services;

/// <summary>How publishing, editing or rolling back ended.</summary>
public enum TagMapChangeOutcome
{
    /// <summary>A new version was stored and the agents' configurations issued.</summary>
    Created,

    /// <summary>The content equals the current version's; nothing was stored.</summary>
    Unchanged,

    /// <summary>Invalid; nothing was stored. The errors say why, per row and field.</summary>
    Rejected,

    /// <summary>Someone published another version first; nothing was stored.</summary>
    Conflict,
}
