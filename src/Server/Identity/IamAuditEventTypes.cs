namespace Proxus.Server.Identity;

/// <summary>The audit event types of identity and access management.</summary>
public static class IamAuditEventTypes
{
    public const string LoginSucceeded = "auth.login-succeeded";
    public const string LoginFailed = "auth.login-failed";
    public const string Logout = "auth.logout";
    public const string PasswordChanged = "auth.password-changed";
    public const string TwoFactorEnabled = "auth.totp-enabled";
    public const string TwoFactorDisabled = "auth.totp-disabled";
    public const string AdminBootstrapped = "iam.admin-bootstrapped";
    public const string UserCreated = "iam.user-created";
    public const string UserRolesChanged = "iam.user-roles-changed";
    public const string UserSitesChanged = "iam.user-sites-changed";
    public const string UserDisabled = "iam.user-disabled";
    public const string UserEnabled = "iam.user-enabled";
    public const string UserPasswordReset = "iam.user-password-reset";
    public const string ClientCreated = "oauth.client-created";
    public const string ClientSecretRotated = "oauth.client-secret-rotated";
    public const string ClientRevoked = "oauth.client-revoked";
    public const string ClientCertificateIssued = "oauth.client-certificate-issued";
    public const string TokenIssued = "oauth.token-issued";
    public const string TokenRejected = "oauth.token-rejected";
}
