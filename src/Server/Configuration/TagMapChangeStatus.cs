namespace Proxus.Server.Configuration;

/// <summary>How an import, edit or rollback ended.</summary>
public enum TagMapChangeStatus
{
    /// <summary>A new version was stored and the agents' configurations issued.</summary>
    Created,

    /// <summary>The content equals the current version's; nothing was stored.</summary>
    Unchanged,

    /// <summary>Invalid; nothing was stored. The errors say why, per row and field.</summary>
    Rejected,

    /// <summary>
    /// Based on a version that is no longer the site's current one (another change came first);
    /// nothing was stored. Review the current version and submit again.
    /// </summary>
    Conflict,
}
