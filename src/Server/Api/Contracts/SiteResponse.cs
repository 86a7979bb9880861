namespace Proxus.Server.Api.Contracts;

/// <summary>A site.</summary>
public sealed record SiteResponse(Guid Id, string Name, DateTimeOffset CreatedAt);
