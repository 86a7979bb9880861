namespace Proxus.Server.Identity;

/// <summary>Identity and access management (configuration section <c>Iam</c>).</summary>
public sealed class IamOptions
{
    public const string Section = "Iam";

    /// <summary>The user name of the administrator created on first start.</summary>
    public string InitialAdminUserName { get; set; } = "admin";

    /// <summary>Failed sign-ins (password or second factor) before the account locks; 3..10.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a portal/API session cookie lives without activity (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Lifetime of a machine client's access token (JWT); 1 minute..1 hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The <c>iss</c> of access tokens.</summary>
    public string TokenIssuer { get; set; } = "urn:proxus:server";

    /// <summary>The <c>aud</c> of access tokens: this server's API.</summary>
    public string TokenAudience { get; set; } = "urn:proxus:api";
}
