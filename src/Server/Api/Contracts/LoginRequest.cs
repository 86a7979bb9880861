namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/auth/login</c>; <c>totpCode</c> only for accounts with TOTP.</summary>
public sealed record LoginRequest(string? UserName, string? Password, string? TotpCode = null);
