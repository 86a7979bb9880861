using System.Security.Cryptography;

namespace Proxus.Drivers.OpcUa;

/// <summary>
/// A security policy: the algorithms and key lengths of Part 7's policy tables. Supported:
/// None, Basic256Sha256, Aes128_Sha256_RsaOaep and Aes256_Sha256_RsaPss.
/// </summary>
public sealed class SecurityPolicy
{
    private const string PolicyPrefix = "http://opcfoundation.org/UA/SecurityPolicy#";

    private SecurityPolicy(string name, RSAEncryptionPadding? encryptionPadding, RSASignaturePadding? signaturePadding, string? signatureUri, string? encryptionUri, int encryptingKeyLength)
    {
        Name = name;
        Uri = PolicyPrefix + name;
        AsymmetricEncryptionPadding = encryptionPadding;
        AsymmetricSignaturePadding = signaturePadding;
        AsymmetricSignatureUri = signatureUri;
        AsymmetricEncryptionUri = encryptionUri;
        EncryptingKeyLength = encryptingKeyLength;
    }

    /// <summary>No security: messages are neither signed nor encrypted.</summary>
    public static SecurityPolicy None { get; } = new("None", null, null, null, null, 0);

    /// <summary>RSA-OAEP-SHA1 key transport, RSA-PKCS#1 v1.5 SHA-256 signatures, AES-256-CBC, HMAC-SHA256.</summary>
    public static SecurityPolicy Basic256Sha256 { get; } = new(
        "Basic256Sha256", RSAEncryptionPadding.OaepSHA1, RSASignaturePadding.Pkcs1,
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#rsa-oaep", 32);

    /// <summary>RSA-OAEP-SHA1 key transport, RSA-PKCS#1 v1.5 SHA-256 signatures, AES-128-CBC, HMAC-SHA256.</summary>
    public static SecurityPolicy Aes128Sha256RsaOaep { get; } = new(
        "Aes128_Sha256_RsaOaep", RSAEncryptionPadding.OaepSHA1, RSASignaturePadding.Pkcs1,
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#rsa-oaep", 16);

    /// <summary>RSA-OAEP-SHA256 key transport, RSA-PSS SHA-256 signatures, AES-256-CBC, HMAC-SHA256.</summary>
    public static SecurityPolicy Aes256Sha256RsaPss { get; } = new(
        "Aes256_Sha256_RsaPss", RSAEncryptionPadding.OaepSHA256, RSASignaturePadding.Pss,
        "http://opcfoundation.org/UA/security/rsa-pss-sha2-256", "http://opcfoundation.org/UA/security/rsa-oaep-sha2-256", 32);

    public static IReadOnlyList<SecurityPolicy> All { get; } = [None, Basic256Sha256, Aes128Sha256RsaOaep, Aes256Sha256RsaPss];

    /// <summary>The short name, e.g. <c>Basic256Sha256</c>.</summary>
    public string Name { get; }

    /// <summary>The policy URI, e.g. <c>http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256</c>.</summary>
    public string Uri { get; }

    public bool IsNone => AsymmetricEncryptionPadding is null;

    internal RSAEncryptionPadding? AsymmetricEncryptionPadding { get; }

    internal RSASignaturePadding? AsymmetricSignaturePadding { get; }

    internal string? AsymmetricSignatureUri { get; }

    internal string? AsymmetricEncryptionUri { get; }

    /// <summary>Bytes a plaintext block loses to OAEP padding: 2 * hash length + 2.</summary>
    internal int OaepOverhead => AsymmetricEncryptionPadding == RSAEncryptionPadding.OaepSHA256 ? 66 : 42;

    internal int SigningKeyLength => IsNone ? 0 : 32;

    internal int EncryptingKeyLength { get; }

    internal int EncryptionBlockSize => IsNone ? 1 : 16;

    internal int SymmetricSignatureLength => IsNone ? 0 : 32;

    internal int NonceLength => IsNone ? 0 : 32;

    /// <summary>Finds a policy by URI or short name.</summary>
    /// <exception cref="OpcUaException">BadSecurityPolicyRejected for an unsupported policy.</exception>
    public static SecurityPolicy FromUri(string? uriOrName)
    {
        if (string.IsNullOrEmpty(uriOrName))
        {
            return None;
        }

        foreach (var policy in All)
        {
            if (string.Equals(policy.Uri, uriOrName, StringComparison.Ordinal) || string.Equals(policy.Name, uriOrName, StringComparison.OrdinalIgnoreCase))
            {
                return policy;
            }
        }

        throw new OpcUaException(StatusCode.BadSecurityPolicyRejected, $"Security policy '{uriOrName}' is not supported.");
    }

    public override string ToString() => Name;
}
