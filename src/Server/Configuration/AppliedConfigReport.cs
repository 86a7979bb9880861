namespace Proxus.Server.Configuration;

/// <summary>The body of <c>POST /api/v1/agent/config/applied</c>.</summary>
/// <param name="Version">The envelope version the report is about.</param>
/// <param name="Status"><c>applied</c> or <c>rejected</c>.</param>
/// <param name="Reason">Why it was rejected (at most 1000 characters).</param>
public sealed record AppliedConfigReport(long Version, string? Status, string? Reason);
