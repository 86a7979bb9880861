namespace Proxus.Server.Pki;

/// <summary>
/// A key pair the server holds, with its certificate if it has one. The private key is only ever
/// stored as encrypted PKCS#8 (<see cref="PrivateKeyProtector"/>). The newest row of a purpose is
/// the one in force.
/// </summary>
public sealed class PkiCredential
{
    public Guid Id { get; set; }

    public PkiCredentialPurpose Purpose { get; set; }

    /// <summary>DER certificate; null for bare signing keys.</summary>
    public byte[]? Certificate { get; set; }

    /// <summary>DER SubjectPublicKeyInfo.</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>DER EncryptedPrivateKeyInfo (PBES2, PBKDF2-SHA256, AES-256-CBC).</summary>
    public required byte[] EncryptedPrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NotAfter { get; set; }
}
