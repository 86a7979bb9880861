namespace Proxus.Server.Api.Contracts;

/// <summary>A current code of the authenticator app (RFC 6238, 6 digits).</summary>
public sealed record TotpCodeRequest(string? Code);
