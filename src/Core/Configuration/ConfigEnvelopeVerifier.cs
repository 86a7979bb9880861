using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;

namespace Proxus.Core.Configuration;

/// <summary>
/// Verifies configuration envelopes on the agent (and in tests): exact canonical layout, trusted
/// key id, ECDSA P-256 signature over the header and payload bytes, target agent, validity window
/// with a clock-skew allowance, and a version above the applied one. Each failure has its reason.
/// </summary>
public sealed class ConfigEnvelopeVerifier
{
    /// <summary>Envelopes larger than this are refused before parsing.</summary>
    public const int MaxEnvelopeBytes = 64 * 1024 * 1024;

    private readonly FrozenDictionary<string, ECDsa> _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;

    /// <param name="trustedKeys">The public configuration-signing keys the agent trusts (P-256).</param>
    /// <param name="time">The agent's clock.</param>
    /// <param name="clockSkew">How far the agent's clock may be off the server's (default 5 minutes).</param>
    public ConfigEnvelopeVerifier(IEnumerable<ECDsa> trustedKeys, TimeProvider? time = null, TimeSpan? clockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        _keys = trustedKeys.ToFrozenDictionary(ConfigSigningKey.KeyIdOf, key =>
        {
            ConfigSigningKey.EnsureP256(key);
            return key;
        });
        _time = time ?? TimeProvider.System;
        _clockSkew = clockSkew ?? TimeSpan.FromMinutes(5);
    }

    /// <param name="envelope">The envelope bytes as received.</param>
    /// <param name="agentId">The verifying agent's own id.</param>
    /// <param name="appliedVersion">The version the agent runs, or null when it runs none yet.</param>
    public ConfigVerificationResult Verify(ReadOnlySpan<byte> envelope, string agentId, long? appliedVersion)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        if (envelope.Length > MaxEnvelopeBytes)
        {
            return Fail(ConfigVerificationFailure.TooLarge, $"the envelope is {envelope.Length} bytes; the limit is {MaxEnvelopeBytes}");
        }

        if (!ConfigEnvelopeLayout.TrySplit(envelope, out var headerRange, out var payloadRange, out var signature, out var problem))
        {
            return Fail(ConfigVerificationFailure.Malformed, problem);
        }

        var headerBytes = envelope[headerRange];
        var payloadBytes = envelope[payloadRange];
        if (!ConfigEnvelopeLayout.IsCanonical(envelope, headerRange, payloadRange, signature))
        {
            return Fail(ConfigVerificationFailure.NonCanonical, "the envelope is not in canonical form");
        }

        ConfigEnvelopeHeader? header;
        try
        {
            header = CanonicalConfigJson.DeserializeHeader(headerBytes);
        }
        catch (JsonException exception)
        {
            return Fail(ConfigVerificationFailure.Malformed, "invalid header: " + exception.Message);
        }

        if (header is null || header.Format != ConfigEnvelopeHeader.CurrentFormat)
        {
            return Fail(ConfigVerificationFailure.Malformed, $"unsupported format '{header?.Format}'");
        }

        if (!headerBytes.SequenceEqual(CanonicalConfigJson.SerializeHeader(header)))
        {
            return Fail(ConfigVerificationFailure.NonCanonical, "the header is not in canonical form");
        }

        if (!_keys.TryGetValue(header.KeyId, out var key))
        {
            return Fail(ConfigVerificationFailure.UnknownKey, $"unknown signing key '{header.KeyId}'");
        }

        if (!ConfigEnvelopeLayout.VerifySignature(key, envelope, payloadRange, signature))
        {
            return Fail(ConfigVerificationFailure.BadSignature, "the signature does not match");
        }

        return CheckClaims(header, payloadBytes, agentId, appliedVersion);
    }

    private ConfigVerificationResult CheckClaims(ConfigEnvelopeHeader header, ReadOnlySpan<byte> payloadBytes, string agentId, long? appliedVersion)
    {
        if (!string.Equals(header.AgentId, agentId, StringComparison.Ordinal))
        {
            return Fail(ConfigVerificationFailure.WrongAgent, $"the configuration is for agent '{header.AgentId}', not '{agentId}'");
        }

        var now = _time.GetUtcNow();
        if (header.IssuedAt > now + _clockSkew)
        {
            return Fail(ConfigVerificationFailure.NotYetValid, $"issued at {header.IssuedAt:O}, in the future");
        }

        if (header.ExpiresAt <= now - _clockSkew)
        {
            return Fail(ConfigVerificationFailure.Expired, $"expired at {header.ExpiresAt:O}");
        }

        if (header.Version <= appliedVersion)
        {
            return Fail(ConfigVerificationFailure.Rollback, $"version {header.Version} is not newer than the applied version {appliedVersion}");
        }

        AgentConfiguration configuration;
        try
        {
            configuration = CanonicalConfigJson.Deserialize(payloadBytes);
        }
        catch (FormatException exception)
        {
            return Fail(ConfigVerificationFailure.Malformed, exception.Message);
        }

        return configuration.AgentId == header.AgentId
            ? ConfigVerificationResult.Success(new ConfigEnvelope(header, configuration))
            : Fail(ConfigVerificationFailure.WrongAgent, $"the payload is for agent '{configuration.AgentId}', the header for '{header.AgentId}'");
    }

    private static ConfigVerificationResult Fail(ConfigVerificationFailure failure, string message) => ConfigVerificationResult.Fail(failure, message);
}
