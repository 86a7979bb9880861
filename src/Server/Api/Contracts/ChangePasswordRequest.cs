namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/auth/password</c>.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
