namespace Proxus.Server.Configuration;

/// <summary>How an import or rollback ended.</summary>
public enum TagMapChangeStatus
{
    /// <summary>A new version was stored and the agents' configurations issued.</summary>
    Created,

    /// <summary>The content equals the current version's; nothing was stored.</summary>
    Unchanged,

    /// <summary>Invalid; nothing was stored. The errors say why, per row and field.</summary>
    Rejected,
}
