namespace Proxus.Demo.Api;

/// <summary>The answer of <c>POST /api/v1/users/{id}/password-reset</c>.</summary>
public sealed record OneTimePasswordDto(string OneTimePassword);
