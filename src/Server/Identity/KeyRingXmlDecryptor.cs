using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Proxus.Server.Pki;

namespace Proxus.Server.Identity;

/// <summary>
/// Reads a key that <see cref="KeyRingXmlEncryptor"/> wrote. Data Protection creates it by type name
/// from the key file, with the application's services. Keys written before encryption was turned on
/// carry no encrypted element and are read as they are.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <summary>A key element is a few hundred bytes; anything far larger is not ours.</summary>
    private const int MaxEncodedLength = 64 * 1024;

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != KeyRingXmlEncryptor.ElementName || encryptedElement.Value.Length > MaxEncodedLength)
        {
            throw new CryptographicException($"The key ring element is not a {KeyRingXmlEncryptor.ElementName} of at most {MaxEncodedLength} characters.");
        }

        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        if (sealedBytes.Length < KeyRingXmlEncryptor.NonceSize + KeyRingXmlEncryptor.TagSize)
        {
            throw new CryptographicException("The encrypted key is truncated.");
        }

        var length = sealedBytes.Length - KeyRingXmlEncryptor.NonceSize - KeyRingXmlEncryptor.TagSize;
        var plaintext = new byte[length];
        var key = services.GetRequiredService<PrivateKeyProtector>().DeriveKey(KeyRingXmlEncryptor.Purpose);
        try
        {
            using var aes = new AesGcm(key, KeyRingXmlEncryptor.TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, KeyRingXmlEncryptor.NonceSize),
                sealedBytes.AsSpan(KeyRingXmlEncryptor.NonceSize, length),
                sealedBytes.AsSpan(KeyRingXmlEncryptor.NonceSize + length),
                plaintext,
                KeyRingXmlEncryptor.AssociatedData);
            return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
