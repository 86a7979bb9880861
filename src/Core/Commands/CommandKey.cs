using System.Security.Cryptography;
using Proxus.Core.Configuration;

namespace Proxus.Core.Commands;

/// <summary>
/// The command-signing public key as the signed configuration carries it
/// (<see cref="AgentConfiguration.CommandKey"/>): base64 of its DER SubjectPublicKeyInfo.
/// </summary>
public static class CommandKey
{
    /// <summary>The configuration text of a P-256 key.</summary>
    public static string Encode(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ConfigSigningKey.EnsureP256(key);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Imports the key a configuration carries; throws <see cref="FormatException"/> unless it is a P-256 public key.</summary>
    public static ECDsa Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text), out var read);
            if (read != Convert.FromBase64String(text).Length)
            {
                throw new FormatException("the command key has trailing bytes");
            }

            ConfigSigningKey.EnsureP256(key);
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new FormatException("the command key is not an ECDSA P-256 public key", e);
        }
        catch (FormatException)
        {
            key.Dispose();
            throw;
        }
    }
}
