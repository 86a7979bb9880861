using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Proxus.Server.Identity;
using Proxus.Server.Pki;

namespace Proxus.Server.Tests.Support;

/// <summary>Access tokens crafted like the server's, to test refusals one property at a time.</summary>
public static class AccessTokens
{
    /// <summary>A token like the server's (valid for 5 minutes from <paramref name="now"/>), signed with the server's key unless told otherwise, with one property changed.</summary>
    public static async Task<string> CraftAsync(TrustWebHost server, DateTimeOffset now, IssuedClientSecret client, ECDsa? key = null, string? audience = null, string? issuer = null, string type = AccessTokenService.TokenType, string? scope = null)
    {
        byte[] publicKey;
        ECDsa serverKey;
        await using (var db = server.CreateDbContext())
        {
            var credential = await db.PkiCredentials.SingleAsync(c => c.Purpose == PkiCredentialPurpose.AccessTokenSigning);
            publicKey = credential.PublicKey;
            serverKey = server.Get<PrivateKeyProtector>().UnprotectECDsa(credential.EncryptedPrivateKey);
        }

        using var _ = serverKey;
        var options = new IamOptions();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? options.TokenIssuer,
            Audience = audience ?? options.TokenAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.UtcDateTime.AddMinutes(5),
            TokenType = type,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key ?? serverKey) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(publicKey))[..22], CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } }, SecurityAlgorithms.EcdsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = client.Client.ClientId.ToString("D"),
                [ProxusClaimTypes.ClientId] = client.Client.ClientId.ToString("D"),
                [ProxusClaimTypes.Scope] = scope ?? string.Join(' ', client.Client.Scopes),
                [ProxusClaimTypes.SecretVersion] = client.Client.SecretVersion,
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
