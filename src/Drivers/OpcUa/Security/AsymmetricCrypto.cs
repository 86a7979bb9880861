using System.Security.Cryptography;

namespace Proxus.Drivers.OpcUa.Security;

/// <summary>
/// RSA operations of the asymmetric algorithms (Part 6 section 6.7.4): block-wise OAEP encryption
/// with the receiver's public key and signatures with the sender's private key.
/// </summary>
internal static class AsymmetricCrypto
{
    public static int PlainTextBlockSize(SecurityPolicy policy, RSA key) => (key.KeySize / 8) - policy.OaepOverhead;

    public static int CipherTextBlockSize(RSA key) => key.KeySize / 8;

    public static int SignatureSize(RSA key) => key.KeySize / 8;

    /// <summary>Encrypts whole plaintext blocks into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encrypt(SecurityPolicy policy, RSA publicKey, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        var plainBlock = PlainTextBlockSize(policy, publicKey);
        var cipherBlock = CipherTextBlockSize(publicKey);
        if (plaintext.Length % plainBlock != 0)
        {
            throw new OpcUaException(StatusCode.BadEncodingError, "The plaintext is not a whole number of RSA blocks.");
        }

        var written = 0;
        for (var offset = 0; offset < plaintext.Length; offset += plainBlock)
        {
            if (!publicKey.TryEncrypt(plaintext.Slice(offset, plainBlock), destination.Slice(written, cipherBlock), policy.AsymmetricEncryptionPadding!, out var count))
            {
                throw new OpcUaException(StatusCode.BadEncodingError, "RSA encryption failed.");
            }

            written += count;
        }

        return written;
    }

    /// <summary>Decrypts whole ciphertext blocks with our private key; returns the plaintext bytes written.</summary>
    public static int Decrypt(SecurityPolicy policy, RSA privateKey, ReadOnlySpan<byte> ciphertext, Span<byte> destination)
    {
        var cipherBlock = CipherTextBlockSize(privateKey);
        if (ciphertext.Length == 0 || ciphertext.Length % cipherBlock != 0)
        {
            throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "The encrypted part is not a whole number of RSA blocks.");
        }

        var written = 0;
        for (var offset = 0; offset < ciphertext.Length; offset += cipherBlock)
        {
            try
            {
                written += privateKey.Decrypt(ciphertext.Slice(offset, cipherBlock), destination[written..], policy.AsymmetricEncryptionPadding!);
            }
            catch (CryptographicException ex)
            {
                throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "RSA decryption failed.", ex);
            }
        }

        return written;
    }

    public static byte[] Sign(SecurityPolicy policy, RSA privateKey, ReadOnlySpan<byte> data)
        => privateKey.SignData(data, HashAlgorithmName.SHA256, policy.AsymmetricSignaturePadding!);

    public static bool Verify(SecurityPolicy policy, RSA publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, policy.AsymmetricSignaturePadding!);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
