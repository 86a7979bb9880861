namespace Proxus.Web.Services;

/// <summary>The role names of the server's IAM, as the portal shows and assigns them.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string OtEngineer = "OtEngineer";
    public const string Approver = "Approver";
    public const string Auditor = "Auditor";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, OtEngineer, Approver, Auditor, Viewer];

    /// <summary>What each role may do, in one line, for the users page.</summary>
    public static string Describe(string role) => role switch
    {
        Admin => "Users, machine clients, sites, agents and certificates",
        OtEngineer => "Tag maps and configurations of assigned sites",
        Approver => "Approves control writes requested by others",
        Auditor => "Reads, exports and verifies the audit log",
        Viewer => "Reads the fleet and the data",
        _ => string.Empty,
    };
}
