namespace Proxus.Server.Identity;

/// <summary>A new TOTP shared key (RFC 6238, base32) and its <c>otpauth://</c> URI for an authenticator app.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);
