using System.Security.Cryptography;

namespace Proxus.Core.Configuration;

/// <summary>Key ids of configuration-signing keys (ECDSA P-256).</summary>
public static class ConfigSigningKey
{
    /// <summary>
    /// The key id of a public key: the first 16 bytes of the SHA-256 of its DER
    /// SubjectPublicKeyInfo, as 32 lowercase hex digits.
    /// </summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key.ExportSubjectPublicKeyInfo(), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Throws unless the key is on the NIST P-256 curve.</summary>
    internal static void EnsureP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException("configuration-signing keys are ECDSA P-256", nameof(key));
        }
    }
}
