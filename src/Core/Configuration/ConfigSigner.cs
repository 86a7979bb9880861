using System.Security.Cryptography;

namespace Proxus.Core.Configuration;

/// <summary>
/// Signs agent configurations on the server with the configuration-signing key (ECDSA P-256,
/// SHA-256, detached over the canonical header and payload bytes).
/// </summary>
public sealed class ConfigSigner
{
    private readonly ECDsa _key;
    private readonly TimeProvider _time;

    /// <param name="key">The private configuration-signing key; the signer does not own it.</param>
    /// <param name="time">The clock for issued-at.</param>
    public ConfigSigner(ECDsa key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ConfigSigningKey.EnsureP256(key);
        _key = key;
        _time = time ?? TimeProvider.System;
        KeyId = ConfigSigningKey.KeyIdOf(key);
    }

    public string KeyId { get; }

    /// <summary>Signs the configuration as version <paramref name="version"/>, valid for <paramref name="lifetime"/> from now.</summary>
    /// <returns>The envelope bytes to serve to the agent.</returns>
    public byte[] Sign(AgentConfiguration configuration, long version, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.FromSeconds(1));
        var now = _time.GetUtcNow();
        var issuedAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var header = new ConfigEnvelopeHeader(ConfigEnvelopeHeader.CurrentFormat, KeyId, configuration.AgentId, version, issuedAt, issuedAt + TimeSpan.FromSeconds(Math.Ceiling(lifetime.TotalSeconds)));
        return Sign(header, CanonicalConfigJson.Serialize(configuration));
    }

    internal byte[] Sign(ConfigEnvelopeHeader header, ReadOnlySpan<byte> payload)
    {
        var signed = ConfigEnvelopeLayout.SignedBytes(CanonicalConfigJson.SerializeHeader(header), payload);
        var signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return ConfigEnvelopeLayout.Envelope(signed, signature);
    }
}
