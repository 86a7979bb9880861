namespace Proxus.Server.Identity;

/// <summary>A machine client as the administration API shows it (never the secret or its hash).</summary>
public sealed record MachineClientSummary(
    Guid ClientId,
    string Name,
    IReadOnlyList<string> Scopes,
    int SecretVersion,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    internal static MachineClientSummary From(MachineClient client) => new(
        client.Id,
        client.Name,
        client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        client.SecretVersion,
        client.CreatedBy,
        client.CreatedAt,
        client.RevokedAt);
}
