namespace Proxus.Demo.Api;

/// <summary>The answer of <c>POST /api/v1/users</c>: the user and a one-time password to change at first sign-in.</summary>
public sealed record CreatedUserDto(UserDto User, string OneTimePassword);
