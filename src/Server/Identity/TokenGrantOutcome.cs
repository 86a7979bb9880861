namespace Proxus.Server.Identity;

/// <summary>Either a token (<see cref="Response"/>) or an RFC 6749 5.2 error.</summary>
public sealed record TokenGrantOutcome(TokenResponse? Response, TokenError? Error);
