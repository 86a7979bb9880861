namespace Proxus.Server.Pki;

/// <summary>The internal CA (configuration section <c>Pki</c>).</summary>
public sealed class PkiOptions
{
    public const string Section = "Pki";

    /// <summary>Lifetime of an agent's client certificate; agents renew before it ends.</summary>
    public TimeSpan AgentCertificateLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Lifetime of the server's TLS certificate; renewed when a third of it is left.</summary>
    public TimeSpan ServerCertificateLifetime { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan RootCaLifetime { get; set; } = TimeSpan.FromDays(365 * 20);

    public TimeSpan IssuingCaLifetime { get; set; } = TimeSpan.FromDays(365 * 5);

    /// <summary>How long a published CRL is valid (its nextUpdate); re-published at half-life and on every revocation.</summary>
    public TimeSpan RevocationListLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>DNS names and IP addresses for the server certificate, besides localhost and 127.0.0.1.</summary>
    public List<string> ServerHostNames { get; } = [];

    /// <summary>
    /// The secret that encrypts every private key at rest. Optional: without it the server creates
    /// a random one in <c>{DataDirectory}/pki/key-encryption.key</c> (owner-only). Several server
    /// nodes on one database must share the same value.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }
}
