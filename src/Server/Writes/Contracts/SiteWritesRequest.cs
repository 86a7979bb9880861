namespace Proxus.Server.Writes.Contracts;

/// <summary>Enables (false: read-only, diode mode) control writes for a site.</summary>
public sealed record SiteWritesRequest(bool WritesEnabled);
