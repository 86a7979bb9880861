namespace Proxus.Server.Api.Contracts;

/// <summary>The comment of the version a rollback creates.</summary>
public sealed record RollbackRequest(string? Comment);
