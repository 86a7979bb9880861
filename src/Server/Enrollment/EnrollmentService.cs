using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

namespace Proxus.Server.Enrollment;

/// <summary>
/// Agent enrollment: one-time tokens (created by an admin, stored as SHA-256 only), the exchange
/// of a token and a CSR for a certificate, renewal over mutual TLS and revocation. Every outcome,
/// success or refusal, is audited; issuance happens only inside the audited transaction.
/// </summary>
public sealed partial class EnrollmentService(
    IDbContextFactory<ProxusDbContext> contexts,
    AuditLog audit,
    CertificateAuthority authority,
    RevocationListPublisher revocationLists,
    IAgentIdentityResolver identities,
    IEnumerable<ICertificateRevocationListener> revocationListeners,
    ISecurityEventSink monitoring,
    AgentConfigService configurations,
    TimeProvider timeProvider)
{
    /// <summary>Tokens are <c>pxe_</c> + base64url of 32 random bytes.</summary>
    public const string TokenPrefix = "pxe_";

    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(7);

    private static readonly int TokenLength = TokenPrefix.Length + 43;

    /// <summary>Creates a token for the agent; the returned text is the only copy there will ever be.</summary>
    public Task<IssuedEnrollmentToken> CreateTokenAsync(Guid agentId, string actor, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var validFor = lifetime ?? DefaultTokenLifetime;
        if (validFor <= TimeSpan.Zero || validFor > MaxTokenLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), validFor, $"An enrollment token lives between 1 second and {MaxTokenLifetime.TotalDays} days.");
        }

        var text = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = Timestamps.Now(timeProvider);
        var token = new EnrollmentToken
        {
            Id = Guid.NewGuid(),
            TokenHash = HashToken(text),
            AgentId = agentId,
            CreatedBy = AuditValue.Escape(actor, 256),
            CreatedAt = now,
            ExpiresAt = now + validFor,
        };
        return audit.RunAuditedAsync(
            async (db, ct) =>
            {
                _ = await db.Agents.SingleOrDefaultAsync(a => a.Id == agentId && a.DeletedAt == null, ct) ?? throw new KeyNotFoundException($"Agent {agentId:D} does not exist.");
                db.EnrollmentTokens.Add(token);
                await db.SaveChangesAsync(ct);
                var data = new Dictionary<string, string?> { ["token"] = token.Id.ToString("D"), ["expires"] = token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
                return new AuditedResult<IssuedEnrollmentToken>(
                    new IssuedEnrollmentToken(token.Id, agentId, text, token.ExpiresAt),
                    new AuditEvent(AuditEventTypes.EnrollmentTokenCreated, actor, $"agent:{agentId:D}", data));
            },
            cancellationToken);
    }

    /// <summary>Exchanges a token and a CSR for a certificate bound to the token's agent.</summary>
    public async Task<EnrollmentOutcome> EnrollAsync(EnrollmentRequest request, string remoteAddress, CancellationToken cancellationToken)
    {
        var actor = $"anonymous@{remoteAddress}";
        if (request.Token is not { } text || text.Length != TokenLength || !text.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return await RejectAsync(actor, "token:unknown", EnrollmentFailure.InvalidToken, "The enrollment token is not valid.", cancellationToken);
        }

        var hash = HashToken(text);
        EnrollmentToken? token;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            token = await db.EnrollmentTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        }

        if (token is null)
        {
            return await RejectAsync(actor, "token:unknown", EnrollmentFailure.InvalidToken, "The enrollment token is not valid.", cancellationToken);
        }

        var subject = $"agent:{token.AgentId:D}";
        if (token.UsedAt is not null)
        {
            return await RejectAsync(actor, subject, EnrollmentFailure.TokenUsed, "The enrollment token was used already; ask for a new one.", cancellationToken, token.Id);
        }

        if (Timestamps.Now(timeProvider) >= token.ExpiresAt)
        {
            return await RejectAsync(actor, subject, EnrollmentFailure.TokenExpired, "The enrollment token has expired; ask for a new one.", cancellationToken, token.Id);
        }

        var csr = CertificateSigningRequestValidator.Validate(request.Csr, token.AgentId);
        if (!csr.IsValid)
        {
            return await RejectAsync(actor, subject, EnrollmentFailure.InvalidCsr, csr.Error, cancellationToken, token.Id);
        }

        var outcome = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var now = Timestamps.Now(timeProvider);
                var consumed = await db.EnrollmentTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.ExpiresAt > now)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct);
                if (consumed == 0)
                {
                    return Rejected(actor, subject, EnrollmentFailure.TokenUsed, "The enrollment token was used already; ask for a new one.", token.Id);
                }

                var agent = await db.Agents.AsNoTracking().SingleAsync(a => a.Id == token.AgentId, ct);
                using var certificate = authority.IssueAgentCertificate(db, agent, csr.PublicKey);
                await db.EnrollmentTokens.Where(t => t.Id == token.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.IssuedSerialNumber, certificate.SerialNumber), ct);
                var response = Respond(agent, certificate);
                var data = new Dictionary<string, string?> { ["token"] = token.Id.ToString("D"), ["serial"] = certificate.SerialNumber, ["notAfter"] = response.NotAfter.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
                return new AuditedResult<EnrollmentOutcome>(new EnrollmentOutcome(response, null, null), new AuditEvent(AuditEventTypes.EnrollmentSucceeded, actor, subject, data));
            },
            cancellationToken);
        if (outcome.Succeeded)
        {
            // Normally issued when the agent was created; this covers an envelope that is missing or
            // due, so the agent's first fetch after enrolling finds its configuration.
            await configurations.IssueForJoiningAgentAsync(outcome.Response.AgentId, outcome.Response.SiteId, "system", cancellationToken);
        }

        return outcome;
    }

    internal static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private EnrollmentResponse Respond(Agent agent, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => new(
        agent.Id,
        agent.SiteId,
        certificate.SerialNumber,
        Timestamps.Truncate(new DateTimeOffset(certificate.NotAfter.ToUniversalTime())),
        certificate.ExportCertificatePem() + "\n",
        authority.ChainPem,
        authority.ConfigurationSigningPublicKeyPem);

    private Task<EnrollmentOutcome> RejectAsync(string actor, string subject, EnrollmentFailure failure, string detail, CancellationToken cancellationToken, Guid? tokenId = null, string type = AuditEventTypes.EnrollmentRejected)
        => audit.RunAuditedAsync((_, _) => Task.FromResult(Rejected(actor, subject, failure, detail, tokenId, type)), cancellationToken);

    private static AuditedResult<EnrollmentOutcome> Rejected(string actor, string subject, EnrollmentFailure failure, string detail, Guid? tokenId, string type = AuditEventTypes.EnrollmentRejected)
    {
        var data = new Dictionary<string, string?> { ["reason"] = failure.ToString(), ["detail"] = detail };
        if (tokenId is not null)
        {
            data["token"] = tokenId.Value.ToString("D");
        }

        return new AuditedResult<EnrollmentOutcome>(EnrollmentOutcome.Failed(failure, detail), new AuditEvent(type, actor, subject, data));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
