namespace Proxus.Server.Telemetry;

/// <summary>A tag to insert into, or update in, <c>telemetry_tags</c>.</summary>
internal sealed record PendingTag(string Path, string? Unit, string? Source);
