using Microsoft.AspNetCore.Authorization;

namespace Proxus.Server.Identity;

/// <summary>
/// The authorization policies. Every endpoint names one of these (or is explicitly anonymous);
/// an endpoint that names none is denied by the fallback policy.
/// </summary>
public static class IamPolicies
{
    /// <summary>Any signed-in person, even one who must still change a one-time password: sign out, change password, who am I.</summary>
    public const string Session = "session";

    /// <summary>Any signed-in person with a current password: their own account (TOTP).</summary>
    public const string Account = "account";

    /// <summary>Role Admin.</summary>
    public const string Admin = "admin";

    /// <summary>Every role (OtEngineers only for their sites — an object-level check), or scope <c>config.read</c>.</summary>
    public const string FleetRead = "fleet.read";

    /// <summary>
    /// Roles Admin and OtEngineer (OtEngineers only for their sites — an object-level check), or scope
    /// <c>config.write</c>: upload, edit, publish and roll back tag maps.
    /// </summary>
    public const string TagMapWrite = "tagmap.write";

    /// <summary>Roles Auditor and Admin, or scope <c>audit.read</c>.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Every role, or scope <c>history.read</c> (for telemetry history queries).</summary>
    public const string HistoryRead = "history.read";

    /// <summary>Every role, or scope <c>uns.read</c> (for subscribing to the UNS over WebSocket).</summary>
    public const string UnsRead = "uns.read";

    /// <summary>Roles OtEngineer and Admin: request control writes (OtEngineers only for their sites) and cancel their own.</summary>
    public const string WritesRequest = "writes.request";

    /// <summary>Role Approver: approve or reject control writes requested by someone else.</summary>
    public const string WritesApprove = "writes.approve";

    /// <summary>Every role (OtEngineers only for their sites): read write requests and their timelines.</summary>
    public const string WritesRead = "writes.read";

    /// <summary>Nobody: the fallback for endpoints without an explicit policy.</summary>
    internal static AuthorizationPolicy DenyAll { get; } = new AuthorizationPolicyBuilder().RequireAssertion(_ => false).Build();

    internal static void Add(AuthorizationBuilder authorization)
    {
        authorization.SetFallbackPolicy(DenyAll);
        authorization.AddPolicy(Session, p => p.AddRequirements(new AccessRequirement([], null, allowPendingPasswordChange: true)));
        authorization.AddPolicy(Account, p => p.AddRequirements(new AccessRequirement([], null)));
        authorization.AddPolicy(Admin, p => p.AddRequirements(new AccessRequirement([Roles.Admin], null)));
        authorization.AddPolicy(FleetRead, p => p.AddRequirements(new AccessRequirement(Roles.All, Scopes.ConfigRead)));
        authorization.AddPolicy(TagMapWrite, p => p.AddRequirements(new AccessRequirement([Roles.Admin, Roles.OtEngineer], Scopes.ConfigWrite)));
        authorization.AddPolicy(AuditRead, p => p.AddRequirements(new AccessRequirement([Roles.Auditor, Roles.Admin], Scopes.AuditRead)));
        authorization.AddPolicy(HistoryRead, p => p.AddRequirements(new AccessRequirement(Roles.All, Scopes.HistoryRead)));
        authorization.AddPolicy(WritesRequest, p => p.AddRequirements(new AccessRequirement([Roles.OtEngineer, Roles.Admin], null)));
        authorization.AddPolicy(WritesApprove, p => p.AddRequirements(new AccessRequirement([Roles.Approver], null)));
        authorization.AddPolicy(WritesRead, p => p.AddRequirements(new AccessRequirement(Roles.All, null)));
        authorization.AddPolicy(UnsRead, p => p.AddRequirements(new AccessRequirement(Roles.All, Scopes.UnsRead)));
    }
}
