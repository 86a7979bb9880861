namespace Proxus.Server.Identity;

/// <summary>A new user and the one-time password to hand over; it is shown once and must be changed at first sign-in.</summary>
public sealed record CreatedUser(UserSummary User, string OneTimePassword);
