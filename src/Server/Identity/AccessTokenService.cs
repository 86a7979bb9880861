using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Proxus.Server.Data;
using Proxus.Server.Pki;

namespace Proxus.Server.Identity;

/// <summary>
/// Issues and validates machine clients' access tokens: JWTs (RFC 7519) in the RFC 9068 profile
/// (<c>typ</c> <c>at+jwt</c>), signed ES256 with the server's access-token key — an ECDSA P-256 key
/// created on first start and stored like every other server key (encrypted PKCS#8, newest row in
/// force). Validation accepts only that key, ES256, our issuer and audience, and an unexpired token.
/// </summary>
public sealed class AccessTokenService(
    IDbContextFactory<ProxusDbContext> contexts,
    PrivateKeyProtector protector,
    IOptions<IamOptions> options,
    TimeProvider timeProvider) : IDisposable
{
    /// <summary>The JWT header <c>typ</c> of access tokens (RFC 9068 2.1).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>Tokens longer than this are refused before parsing.</summary>
    public const int MaxTokenLength = 4096;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaxTokenLength, MapInboundClaims = false };
    private ECDsa? _key;
    private ECDsaSecurityKey? _securityKey;

    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    private ECDsaSecurityKey SecurityKey => _securityKey ?? throw new InvalidOperationException("The access-token key is not loaded yet.");

    /// <summary>Loads the signing key, creating it on first start inside the CA's cross-node lock.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseLock.AcquireAsync(db, DatabaseLock.CertificateAuthority, cancellationToken);
        var credential = await db.PkiCredentials.Where(c => c.Purpose == PkiCredentialPurpose.AccessTokenSigning)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (credential is null)
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            credential = new PkiCredential
            {
                Id = Guid.NewGuid(),
                Purpose = PkiCredentialPurpose.AccessTokenSigning,
                PublicKey = created.ExportSubjectPublicKeyInfo(),
                EncryptedPrivateKey = protector.Protect(created),
                CreatedAt = Timestamps.Now(timeProvider),
            };
            db.PkiCredentials.Add(credential);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _key = protector.UnprotectECDsa(credential.EncryptedPrivateKey);
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(credential.PublicKey))[..22];
        // A factory of our own: the default one caches signature providers process-wide by key id,
        // which would outlive this key (another instance of the service on the same database).
        _securityKey = new ECDsaSecurityKey(_key) { KeyId = keyId, CryptoProviderFactory = new CryptoProviderFactory() };
    }

    /// <summary>A signed token for <paramref name="client"/> holding <paramref name="scopes"/>, and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(MachineClient client, IReadOnlyList<string> scopes)
    {
        var now = timeProvider.GetUtcNow();
        var expires = now + Lifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.TokenIssuer,
            Audience = options.Value.TokenAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = TokenType,
            SigningCredentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.EcdsaSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = client.Id.ToString("D"),
                [ProxusClaimTypes.ClientId] = client.Id.ToString("D"),
                [ProxusClaimTypes.Scope] = string.Join(' ', scopes),
                [ProxusClaimTypes.SecretVersion] = client.SecretVersion,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        return (_handler.CreateToken(descriptor), expires);
    }

    /// <summary>The token's claims if it is valid in every respect, otherwise null.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string token, string authenticationType)
        => (await ValidateWithOutcomeAsync(token, authenticationType)).Identity;

    /// <summary>Validates like <see cref="ValidateAsync"/> and says why a token is refused, or when a valid one expires.</summary>
    public async Task<AccessTokenValidation> ValidateWithOutcomeAsync(string token, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxTokenLength)
        {
            return AccessTokenValidation.Refused("TooLong");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Value.TokenIssuer,
            ValidAudience = options.Value.TokenAudience,
            IssuerSigningKey = SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [TokenType],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = ValidateLifetime,
            AuthenticationType = authenticationType,
            NameClaimType = ProxusClaimTypes.ClientId,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return AccessTokenValidation.Refused(FailureOf(result.Exception));
        }

        return new AccessTokenValidation(result.ClaimsIdentity, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero), null);
    }

    private static string FailureOf(Exception? exception) => exception switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "Expired",
        SecurityTokenInvalidAudienceException => "WrongAudience",
        SecurityTokenInvalidIssuerException => "WrongIssuer",
        SecurityTokenInvalidTypeException => "WrongType",
        SecurityTokenInvalidAlgorithmException => "WrongAlgorithm",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "InvalidSignature",
        SecurityTokenMalformedException or ArgumentException => "Malformed",
        _ => "Invalid",
    };

    public void Dispose() => _key?.Dispose();

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return expires is { } end && now < end + ClockSkew && (notBefore is not { } start || now >= start - ClockSkew);
    }
}
