namespace Proxus.Server.Enrollment;

/// <summary>A one-time, expiring enrollment token; only its SHA-256 is stored.</summary>
public sealed class EnrollmentToken
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token text; the token itself is shown once and never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public Guid AgentId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The certificate issued when the token was used.</summary>
    public string? IssuedSerialNumber { get; set; }
}
