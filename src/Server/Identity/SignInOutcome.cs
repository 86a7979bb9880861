namespace Proxus.Server.Identity;

/// <summary>The result of <see cref="SignInService.SignInAsync"/>; <see cref="User"/> is set only on success.</summary>
public sealed record SignInOutcome(SignInStatus Status, UserSummary? User);
