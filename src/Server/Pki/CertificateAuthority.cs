using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Server.Data;

namespace Proxus.Server.Pki;

/// <summary>
/// The server's internal CA: an ECDSA P-256 root (signs only the issuing CA) and an issuing CA
/// (signs agent and server certificates and the CRL), plus the configuration-, audit- and
/// command-signing keys. Created on first start inside a cross-node lock, stored with encrypted private keys,
/// loaded into memory on every start.
/// </summary>
public sealed partial class CertificateAuthority(
    IDbContextFactory<ProxusDbContext> contexts,
    PrivateKeyProtector protector,
    IOptions<PkiOptions> options,
    TimeProvider timeProvider,
    ILogger<CertificateAuthority> logger)
{
    private static readonly HashAlgorithmName Hash = HashAlgorithmName.SHA256;
    private volatile CertificateAuthorityState? _state;

    public X509Certificate2 RootCertificate => State.Root;

    public X509Certificate2 IssuingCertificate => State.Issuing;

    /// <summary>The server's TLS certificate, with its private key (for Kestrel).</summary>
    public X509Certificate2 ServerCertificate => State.ServerCertificate;

    /// <summary>The chain an agent installs: issuing CA then root, PEM.</summary>
    public string ChainPem => State.Issuing.ExportCertificatePem() + "\n" + State.Root.ExportCertificatePem() + "\n";

    /// <summary>The configuration-signing public key (SubjectPublicKeyInfo PEM) agents verify configurations with.</summary>
    public string ConfigurationSigningPublicKeyPem => State.ConfigurationSigningKey.ExportSubjectPublicKeyInfoPem();

    public bool IsInitialized => _state is not null;

    internal ECDsa ConfigurationSigningKey => State.ConfigurationSigningKey;

    internal ECDsa AuditSigningKey => State.AuditSigningKey;

    /// <summary>Signs control-write commands; separate from the configuration-signing and CA keys.</summary>
    internal ECDsa CommandSigningKey => State.CommandSigningKey;

    private CertificateAuthorityState State => _state ?? throw new InvalidOperationException("The certificate authority is not initialized yet.");

    private PkiOptions Options => options.Value;

    /// <summary>Loads the CA material, creating whatever is missing, and a fresh server certificate if due.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseLock.AcquireAsync(db, DatabaseLock.CertificateAuthority, cancellationToken);
        var now = Timestamps.Now(timeProvider);

        var root = await LatestAsync(db, PkiCredentialPurpose.RootCa, cancellationToken) ?? CreateRoot(db, now);
        var rootCertificate = X509CertificateLoader.LoadCertificate(root.Certificate!);
        var issuing = await LatestAsync(db, PkiCredentialPurpose.IssuingCa, cancellationToken);
        if (issuing is null)
        {
            using var rootKey = protector.UnprotectECDsa(root.EncryptedPrivateKey);
            issuing = CreateIssuing(db, rootCertificate, rootKey, now);
        }

        var configuration = await LatestAsync(db, PkiCredentialPurpose.ConfigurationSigning, cancellationToken) ?? CreateSigningKey(db, PkiCredentialPurpose.ConfigurationSigning, now);
        var audit = await LatestAsync(db, PkiCredentialPurpose.AuditSigning, cancellationToken) ?? CreateSigningKey(db, PkiCredentialPurpose.AuditSigning, now);
        var command = await LatestAsync(db, PkiCredentialPurpose.CommandSigning, cancellationToken) ?? CreateSigningKey(db, PkiCredentialPurpose.CommandSigning, now);

        var issuingCertificate = X509CertificateLoader.LoadCertificate(issuing.Certificate!);
        var issuingKey = protector.UnprotectECDsa(issuing.EncryptedPrivateKey);
        var server = await LatestAsync(db, PkiCredentialPurpose.ServerTls, cancellationToken);
        if (server is null || NeedsNewServerCertificate(X509CertificateLoader.LoadCertificate(server.Certificate!), now))
        {
            server = CreateServerCredential(db, issuingCertificate, issuingKey, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        _state = new CertificateAuthorityState(
            rootCertificate,
            issuingCertificate,
            issuingKey,
            protector.UnprotectECDsa(configuration.EncryptedPrivateKey),
            protector.UnprotectECDsa(audit.EncryptedPrivateKey),
            protector.UnprotectECDsa(command.EncryptedPrivateKey),
            LoadWithKey(server));
        LogReady(logger, rootCertificate.Subject, ServerCertificate.SerialNumber, ServerCertificate.NotAfter);
    }

    /// <summary>Issues a new server certificate when a third of its lifetime is left or the host names changed.</summary>
    public async Task RenewServerCertificateIfDueAsync(CancellationToken cancellationToken)
    {
        var state = State;
        if (!NeedsNewServerCertificate(state.ServerCertificate, Timestamps.Now(timeProvider)))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseLock.AcquireAsync(db, DatabaseLock.CertificateAuthority, cancellationToken);
        var now = Timestamps.Now(timeProvider);
        var server = await LatestAsync(db, PkiCredentialPurpose.ServerTls, cancellationToken);
        if (server is null || NeedsNewServerCertificate(X509CertificateLoader.LoadCertificate(server.Certificate!), now))
        {
            server = CreateServerCredential(db, state.Issuing, state.IssuingKey, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _state = state with { ServerCertificate = LoadWithKey(server) };
    }

    private static Task<PkiCredential?> LatestAsync(ProxusDbContext db, PkiCredentialPurpose purpose, CancellationToken cancellationToken)
        => db.PkiCredentials.Where(c => c.Purpose == purpose).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    private X509Certificate2 LoadWithKey(PkiCredential credential)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(credential.Certificate!);
        using var key = protector.UnprotectECDsa(credential.EncryptedPrivateKey);
        return certificate.CopyWithPrivateKey(key);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Certificate authority ready: {Root}; server certificate {Serial} valid until {NotAfter}")]
    private static partial void LogReady(ILogger logger, string root, string serial, DateTime notAfter);
}
