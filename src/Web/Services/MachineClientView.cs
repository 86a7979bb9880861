namespace Proxus.Web.Services;

/// <summary>An OAuth2 machine client (never its secret or the secret's hash).</summary>
public sealed record MachineClientView(Guid ClientId, string Name, IReadOnlyList<string> Scopes, int SecretVersion, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
