namespace Proxus.Web.Services;

/// <summary>A new TOTP shared key (RFC 6238, base32) and its <c>otpauth://</c> URI.</summary>
public sealed record AuthenticatorKey(string SharedKey, string Uri);
