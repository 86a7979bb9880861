using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Proxus.Server.Pki;

namespace Proxus.Server.Identity;

/// <summary>
/// Encrypts each Data Protection key (the keys behind session cookies and anti-forgery tokens)
/// before it is written to the key ring in the data directory: AES-256-GCM under a key derived from
/// the PKI's key-encryption key (<see cref="PrivateKeyProtector.DeriveKey"/>), so the key ring, like
/// the CA's private keys, is useless without that secret. <see cref="KeyRingXmlDecryptor"/> reads it.
/// </summary>
public sealed class KeyRingXmlEncryptor(PrivateKeyProtector protector) : IXmlEncryptor
{
    /// <summary>The HKDF purpose of the derived key.</summary>
    public const string Purpose = "proxus/data-protection-key-ring/v1";

    /// <summary>The element written in place of the plaintext key: <c>&lt;encryptedKey xmlns="urn:proxus:data-protection"&gt;base64&lt;/encryptedKey&gt;</c>.</summary>
    public static readonly XName ElementName = XName.Get("encryptedKey", "urn:proxus:data-protection");

    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    /// <summary>Authenticated with the ciphertext, so a blob of another use cannot stand in for a key.</summary>
    internal static readonly byte[] AssociatedData = System.Text.Encoding.UTF8.GetBytes(Purpose);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var key = protector.DeriveKey(Purpose);
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), AssociatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var element = new XElement(ElementName, new XAttribute("algorithm", "AES-256-GCM, HKDF-SHA256 of Pki:KeyEncryptionKey"), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}
