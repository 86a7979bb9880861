using Proxus.Drivers.OpcUa.Security;

namespace Proxus.Drivers.OpcUa.SecureChannel;

/// <summary>A security token of the channel with the keys derived from its nonces (Part 6 section 6.7.4-5).</summary>
internal sealed class ChannelToken : IDisposable
{
    public ChannelToken(uint tokenId, TimeSpan lifetime, SymmetricKeys? clientKeys, SymmetricKeys? serverKeys)
    {
        TokenId = tokenId;
        Lifetime = lifetime;
        ClientKeys = clientKeys;
        ServerKeys = serverKeys;
    }

    public uint TokenId { get; }

    public TimeSpan Lifetime { get; }

    /// <summary>Keys that secure what the client sends; null under SecurityPolicy None.</summary>
    public SymmetricKeys? ClientKeys { get; }

    /// <summary>Keys that secure what the server sends; null under SecurityPolicy None.</summary>
    public SymmetricKeys? ServerKeys { get; }

    public static ChannelToken Create(SecurityPolicy policy, uint tokenId, TimeSpan lifetime, byte[]? clientNonce, byte[]? serverNonce)
    {
        if (policy.IsNone)
        {
            return new ChannelToken(tokenId, lifetime, null, null);
        }

        if (clientNonce is null || serverNonce is null || serverNonce.Length < policy.NonceLength)
        {
            throw new OpcUaException(StatusCode.BadNonceInvalid, $"The server nonce must be at least {policy.NonceLength} bytes.");
        }

        var clientKeys = SymmetricKeys.Derive(policy, serverNonce, clientNonce);
        var serverKeys = SymmetricKeys.Derive(policy, clientNonce, serverNonce);
        return new ChannelToken(tokenId, lifetime, clientKeys, serverKeys);
    }

    public void Dispose()
    {
        ClientKeys?.Dispose();
        ServerKeys?.Dispose();
    }
}
