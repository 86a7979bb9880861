namespace Proxus.Server.Identity;

/// <summary>The fixed roles of human users (seeded by migration 0005; not editable).</summary>
public static class Roles
{
    /// <summary>IT administration: users, roles, machine clients, sites, agents, certificates.</summary>
    public const string Admin = "Admin";

    /// <summary>Edits tag maps and configurations of the sites they are assigned to.</summary>
    public const string OtEngineer = "OtEngineer";

    /// <summary>Approves control writes requested by someone else.</summary>
    public const string Approver = "Approver";

    /// <summary>Reads, exports and verifies the audit log.</summary>
    public const string Auditor = "Auditor";

    /// <summary>Reads the fleet and the data.</summary>
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, OtEngineer, Approver, Auditor, Viewer];

    /// <summary>The canonical spelling of <paramref name="name"/> if it is a role (case-insensitive), otherwise null.</summary>
    public static string? Find(string name) => All.FirstOrDefault(role => role.Equals(name, StringComparison.OrdinalIgnoreCase));
}
