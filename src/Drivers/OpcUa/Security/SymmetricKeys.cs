using System.Security.Cryptography;

namespace Proxus.Drivers.OpcUa.Security;

/// <summary>
/// One direction's keys: HMAC-SHA256 signing key, AES key and IV, derived with P_SHA256 (Part 6
/// section 6.7.5): the client's keys from (secret = server nonce, seed = client nonce), the server's
/// from (client nonce, server nonce), each split as signing key, encrypting key, IV.
/// </summary>
internal sealed class SymmetricKeys : IDisposable
{
    private readonly Aes _aes;

    private SymmetricKeys(byte[] signingKey, byte[] encryptingKey, byte[] iv)
    {
        SigningKey = signingKey;
        InitializationVector = iv;
        _aes = Aes.Create();
        _aes.Key = encryptingKey;
    }

    public byte[] SigningKey { get; }

    public byte[] InitializationVector { get; }

    public static SymmetricKeys Derive(SecurityPolicy policy, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed)
    {
        var signing = policy.SigningKeyLength;
        var encrypting = policy.EncryptingKeyLength;
        var block = policy.EncryptionBlockSize;
        var material = PSha256.Derive(secret, seed, signing + encrypting + block);
        return new SymmetricKeys(material[..signing], material[signing..(signing + encrypting)], material[(signing + encrypting)..]);
    }

    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => HMACSHA256.HashData(SigningKey, data, signature);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(SigningKey, data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    public void Encrypt(Span<byte> data)
    {
        if (!_aes.TryEncryptCbc(data, InitializationVector, data, out _, PaddingMode.None))
        {
            throw new OpcUaException(StatusCode.BadEncodingError, "AES-CBC encryption failed.");
        }
    }

    public void Decrypt(Span<byte> data)
    {
        if (data.Length % 16 != 0 || !_aes.TryDecryptCbc(data, InitializationVector, data, out _, PaddingMode.None))
        {
            throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "AES-CBC decryption failed: the length is not a multiple of the block size.");
        }
    }

    public void Dispose() => _aes.Dispose();
}
