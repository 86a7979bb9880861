namespace Proxus.Web.Services;

/// <summary>The outcome of a sign-in step; <see cref="TwoFactorTicket"/> is set with <see cref="PortalSignInResult.TwoFactorRequired"/>.</summary>
public sealed record SignInAttempt(PortalSignInResult Result, string? TwoFactorTicket = null);
