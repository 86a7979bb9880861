using System.Security.Cryptography;
using Proxus.Core.Configuration;

namespace Proxus.Agent.Configuration;

/// <summary>
/// The agent's checks of configuration envelopes. A fresh envelope from the server must pass every
/// check of <see cref="ConfigEnvelopeVerifier"/>. The stored envelope the agent applied before a
/// restart is checked the same way except for its validity window, which is judged as of its issue
/// time: it was valid when applied, and an agent that reboots while the server is unreachable must
/// keep running it (docs/agent.md).
/// </summary>
public sealed class ConfigVerification(ECDsa signingKey, string agentId, TimeProvider? time = null)
{
    private readonly ConfigEnvelopeVerifier _verifier = new([signingKey], time);

    public string AgentId => agentId;

    /// <summary>Full verification of an envelope received from the server.</summary>
    public ConfigVerificationResult VerifyFresh(ReadOnlySpan<byte> envelope, long? appliedVersion) => _verifier.Verify(envelope, agentId, appliedVersion);

    /// <summary>Verification of the stored envelope: every check, with the validity window taken at its issue time.</summary>
    public ConfigVerificationResult VerifyStored(ReadOnlySpan<byte> envelope)
    {
        var result = _verifier.Verify(envelope, agentId, appliedVersion: null);
        if (result.Failure is not (ConfigVerificationFailure.Expired or ConfigVerificationFailure.NotYetValid))
        {
            return result;
        }

        var issuedAt = ReadIssuedAt(envelope);
        return issuedAt is null
            ? result
            : new ConfigEnvelopeVerifier([signingKey], new FixedTimeProvider(issuedAt.Value)).Verify(envelope, agentId, appliedVersion: null);
    }

    private static DateTimeOffset? ReadIssuedAt(ReadOnlySpan<byte> envelope)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(envelope, new System.Text.Json.JsonReaderOptions { MaxDepth = 16 });
            while (reader.Read())
            {
                if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("issuedAt"u8)
                    && reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.String && reader.TryGetDateTimeOffset(out var issuedAt))
                {
                    return issuedAt;
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        return null;
    }
}
