namespace Proxus.Web.Services;

/// <summary>
/// The authorization policies the portal's pages name. They are the server's IAM policies (same
/// names, registered by the server): each requires a signed-in person with a current password and
/// the roles listed; the portal never defines weaker ones.
/// </summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in person, even one who must still change a one-time password.</summary>
    public const string Session = "session";

    /// <summary>Any signed-in person with a current password.</summary>
    public const string Account = "account";

    /// <summary>Role Admin: every editing page of the fleet, users and machine clients.</summary>
    public const string Admin = "admin";

    /// <summary>Every role: sites, agents, the dashboard (OtEngineers see their sites only).</summary>
    public const string FleetRead = "fleet.read";

    /// <summary>Roles Admin and OtEngineer (OtEngineers for their sites): upload, edit, publish and roll back tag maps.</summary>
    public const string TagMapWrite = "tagmap.write";

    /// <summary>Roles Auditor and Admin: the audit log.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Every role: the UNS explorer and tag history.</summary>
    public const string HistoryRead = "history.read";

    /// <summary>Every role (OtEngineers: their sites): control-write requests and their timelines.</summary>
    public const string WritesRead = "writes.read";

    /// <summary>Roles OtEngineer (their sites) and Admin: request control writes.</summary>
    public const string WritesRequest = "writes.request";

    /// <summary>Role Approver: approve or reject writes requested by someone else.</summary>
    public const string WritesApprove = "writes.approve";
}
