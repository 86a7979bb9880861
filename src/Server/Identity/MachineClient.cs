namespace Proxus.Server.Identity;

/// <summary>
/// An OAuth2 client (RFC 6749 4.4, client credentials) such as an ERP connector or a data lake.
/// Its secret is 256 random bits, shown once and stored as SHA-256 only; rotating it increments
/// <see cref="SecretVersion"/>, which invalidates every token issued under the previous secret.
/// </summary>
public sealed class MachineClient
{
    public const int MaxNameLength = 200;

    /// <summary>The <c>client_id</c>.</summary>
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The scopes this client may request, space-separated and sorted.</summary>
    public required string Scopes { get; set; }

    public required byte[] SecretHash { get; set; }

    public int SecretVersion { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
