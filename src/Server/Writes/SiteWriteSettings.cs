namespace Proxus.Server.Writes;

/// <summary>
/// Whether a site accepts control writes. A site without a row is read-only ("diode mode"): writes
/// are off until an Admin enables them, and the agents' signed configuration says so.
/// </summary>
public sealed class SiteWriteSettings
{
    public Guid SiteId { get; set; }

    public bool WritesEnabled { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
