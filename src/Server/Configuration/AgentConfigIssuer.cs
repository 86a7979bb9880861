using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Core.Commands;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Pki;

namespace Proxus.Server.Configuration;

/// <summary>
/// Compiles, signs and stores agent configurations inside the caller's audited transaction. An
/// agent of the site gets a new envelope (its next version) when it has none, when its compiled
/// configuration differs from its newest envelope's, or when that envelope is due for renewal.
/// Tag-map connections name their agent by its name in the site (case-insensitively); the envelope
/// and its payload carry the agent's id, which the agent knows from its certificate.
/// </summary>
public sealed class AgentConfigIssuer(CertificateAuthority authority, IOptions<AgentConfigOptions> options, TimeProvider timeProvider)
{
    /// <summary>Issues what the site's agents need for <paramref name="tagMap"/> (stored as <paramref name="tagMapVersion"/>).</summary>
    /// <returns>The envelopes issued, with one audit event each.</returns>
    internal async Task<(List<IssuedAgentConfig> Issued, List<AuditEvent> Events)> IssueAsync(
        ProxusDbContext db,
        TagMap tagMap,
        TagMapVersion tagMapVersion,
        string actor,
        CancellationToken cancellationToken)
    {
        var lifetime = options.Value.EnvelopeLifetime;
        var renewBefore = Timestamps.Now(timeProvider) + options.Value.RenewalThreshold;
        var signer = new ConfigSigner(authority.ConfigurationSigningKey, timeProvider);
        var verifier = new ConfigEnvelopeVerifier([authority.ConfigurationSigningKey], timeProvider, TimeSpan.Zero);
        var agents = await db.Agents.AsNoTracking().Where(agent => agent.SiteId == tagMapVersion.SiteId && agent.DeletedAt == null)
            .OrderBy(agent => agent.Name).ToListAsync(cancellationToken);
        // The site's control-write policy travels in every agent's signed configuration (docs/writes.md).
        var commandKey = CommandKey.Encode(authority.CommandSigningKey);
        var diodeMode = !await db.SiteWriteSettings.AsNoTracking().AnyAsync(s => s.SiteId == tagMapVersion.SiteId && s.WritesEnabled, cancellationToken);
        var issued = new List<IssuedAgentConfig>();
        var events = new List<AuditEvent>();
        foreach (var agent in agents)
        {
            var configuration = AgentConfigurationCompiler.Compile(tagMap, agent.Name) with { AgentId = agent.Id.ToString("D"), CommandKey = commandKey, DiodeMode = diodeMode };
            var payloadHash = SHA256.HashData(CanonicalConfigJson.Serialize(configuration));
            var latest = await db.AgentConfigEnvelopes.AsNoTracking()
                .Where(envelope => envelope.AgentId == agent.Id)
                .OrderByDescending(envelope => envelope.Version)
                .Select(envelope => new { envelope.Version, envelope.PayloadHash, envelope.ExpiresAt })
                .FirstOrDefaultAsync(cancellationToken);
            AgentConfigIssueCause cause;
            if (latest is null)
            {
                cause = AgentConfigIssueCause.First;
            }
            else if (!latest.PayloadHash.AsSpan().SequenceEqual(payloadHash))
            {
                cause = AgentConfigIssueCause.Changed;
            }
            else if (latest.ExpiresAt <= renewBefore)
            {
                cause = AgentConfigIssueCause.Renewal;
            }
            else
            {
                continue;
            }

            var version = (latest?.Version ?? 0) + 1;
            var envelope = signer.Sign(configuration, version, lifetime);

            // The agent's own check, run before anything is stored: an envelope that would not verify is never served.
            var verified = verifier.Verify(envelope, configuration.AgentId, latest?.Version);
            if (!verified.Succeeded)
            {
                throw new InvalidOperationException($"The configuration signed for agent {agent.Id:D} does not verify: {verified.Failure}: {verified.Message}");
            }

            var header = verified.Envelope.Header;
            db.AgentConfigEnvelopes.Add(new AgentConfigEnvelope
            {
                Id = Guid.NewGuid(),
                AgentId = agent.Id,
                Version = version,
                TagMapVersionId = tagMapVersion.Id,
                IssuedAt = header.IssuedAt,
                ExpiresAt = header.ExpiresAt,
                PayloadHash = payloadHash,
                Envelope = envelope,
            });
            issued.Add(new IssuedAgentConfig(agent.Id, agent.SiteId, version, tagMapVersion.Version, header.ExpiresAt, cause));
            events.Add(new AuditEvent(AuditEventTypes.AgentConfigIssued, actor, $"agent:{agent.Id:D}", new Dictionary<string, string?>
            {
                ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["tagMapVersion"] = tagMapVersion.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["cause"] = cause.ToString(),
                ["expiresAt"] = header.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["keyId"] = header.KeyId,
                ["payloadSha256"] = Convert.ToHexStringLower(payloadHash),
            }));
        }

        return (issued, events);
    }
}
