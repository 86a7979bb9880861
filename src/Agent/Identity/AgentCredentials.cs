using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Proxus.Agent.Storage;

namespace Proxus.Agent.Identity;

/// <summary>
/// The agent's identity as stored in its data directory: the enrollment record, the client
/// certificate with its private key, our CA chain (the only trust anchors for the server) and the
/// configuration-signing public key.
/// </summary>
public sealed class AgentCredentials : IDisposable
{
    private AgentCredentials(EnrollmentRecord enrollment, X509Certificate2 certificate, X509Certificate2Collection trustAnchors, ECDsa signingKey)
    {
        Enrollment = enrollment;
        Certificate = certificate;
        TrustAnchors = trustAnchors;
        SigningKey = signingKey;
    }

    public EnrollmentRecord Enrollment { get; }

    /// <summary>The client certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Our issuing CA and root: the server's certificates must chain to these and nothing else.</summary>
    public X509Certificate2Collection TrustAnchors { get; }

    /// <summary>Verifies signed configurations.</summary>
    public ECDsa SigningKey { get; }

    public string AgentId => Enrollment.AgentId.ToString("D");

    /// <summary>Whether the data directory holds an enrollment.</summary>
    public static bool Exists(AgentPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return File.Exists(paths.EnrollmentPath) && File.Exists(paths.CredentialPath);
    }

    /// <exception cref="AgentNotEnrolledException">The data directory holds no (complete) enrollment.</exception>
    public static AgentCredentials Load(AgentPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!Exists(paths))
        {
            throw new AgentNotEnrolledException($"{paths.Root} holds no enrollment; run 'proxus-agent enroll' first.");
        }

        try
        {
            var enrollment = JsonSerializer.Deserialize(File.ReadAllBytes(paths.EnrollmentPath), AgentJsonContext.Default.EnrollmentRecord)
                ?? throw new AgentNotEnrolledException($"{paths.EnrollmentPath} is empty.");
            var pem = File.ReadAllText(paths.CredentialPath);
            var certificate = X509Certificate2.CreateFromPem(pem, pem);
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(paths.ChainPath);
            var signingKey = ECDsa.Create();
            signingKey.ImportFromPem(File.ReadAllText(paths.SigningKeyPath));
            return new AgentCredentials(enrollment, certificate, anchors, signingKey);
        }
        catch (Exception exception) when (exception is IOException or CryptographicException or JsonException)
        {
            throw new AgentNotEnrolledException($"The identity in {paths.IdentityDirectory} cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Writes a new identity: chain, signing key and enrollment record first, the certificate and
    /// key last, each file replaced atomically; the key file is owner-only (0600).
    /// </summary>
    public static void Save(AgentPaths paths, EnrollmentRecord enrollment, string certificatePem, ECDsa privateKey, string chainPem, string signingKeyPem)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(privateKey);
        paths.EnsureCreated();
        AtomicFile.Write(paths.ChainPath, Encoding.ASCII.GetBytes(chainPem), AtomicFile.Readable);
        AtomicFile.Write(paths.SigningKeyPath, Encoding.ASCII.GetBytes(signingKeyPem), AtomicFile.Readable);
        AtomicFile.Write(paths.EnrollmentPath, JsonSerializer.SerializeToUtf8Bytes(enrollment, AgentJsonContext.Default.EnrollmentRecord), AtomicFile.Readable);
        SaveCertificate(paths, certificatePem, privateKey);
    }

    /// <summary>Replaces the certificate and its key in one rename (a renewal).</summary>
    public static void SaveCertificate(AgentPaths paths, string certificatePem, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(privateKey);
        var combined = certificatePem.TrimEnd() + "\n" + privateKey.ExportPkcs8PrivateKeyPem() + "\n";
        AtomicFile.Write(paths.CredentialPath, Encoding.ASCII.GetBytes(combined), AtomicFile.OwnerOnly);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var anchor in TrustAnchors)
        {
            anchor.Dispose();
        }

        SigningKey.Dispose();
    }
}
