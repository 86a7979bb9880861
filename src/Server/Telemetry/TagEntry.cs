namespace Proxus.Server.Telemetry;

/// <summary>One row of <c>telemetry_tags</c> as the writer caches it.</summary>
internal sealed record TagEntry(int Id, string? Unit, string? Source);
