using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace Proxus.Server.Identity;

/// <summary>The outcome of validating an access token: its claims and expiry, or why it is refused.</summary>
/// <param name="Identity">The token's claims when it is valid.</param>
/// <param name="ExpiresAt">The token's <c>exp</c> when it is valid.</param>
/// <param name="Failure">
/// Why it is refused, for logs and the audit log (never for the client): <c>TooLong</c>,
/// <c>Malformed</c>, <c>Expired</c>, <c>InvalidSignature</c>, <c>WrongAudience</c>, <c>WrongIssuer</c>,
/// <c>WrongType</c>, <c>WrongAlgorithm</c>, <c>Invalid</c>.
/// </param>
public sealed record AccessTokenValidation(ClaimsIdentity? Identity, DateTimeOffset ExpiresAt, string? Failure)
{
    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Identity is not null;

    public static AccessTokenValidation Refused(string failure) => new(null, default, failure);
}
