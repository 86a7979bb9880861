namespace Proxus.Web.Services;

/// <summary>The roles ticked in a form: one flag per role, so a static form post binds it without indices.</summary>
public sealed class RoleSelection
{
    public bool Admin { get; set; }

    public bool OtEngineer { get; set; }

    public bool Approver { get; set; }

    public bool Auditor { get; set; }

    public bool Viewer { get; set; }

    /// <summary>The ticked roles, in <see cref="PortalRoles.All"/> order.</summary>
    public IReadOnlyList<string> Selected() => PortalRoles.All.Where(IsSelected).ToList();

    public bool IsSelected(string role) => role switch
    {
        PortalRoles.Admin => Admin,
        PortalRoles.OtEngineer => OtEngineer,
        PortalRoles.Approver => Approver,
        PortalRoles.Auditor => Auditor,
        PortalRoles.Viewer => Viewer,
        _ => false,
    };

    public static RoleSelection Of(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return new RoleSelection
        {
            Admin = set.Contains(PortalRoles.Admin),
            OtEngineer = set.Contains(PortalRoles.OtEngineer),
            Approver = set.Contains(PortalRoles.Approver),
            Auditor = set.Contains(PortalRoles.Auditor),
            Viewer = set.Contains(PortalRoles.Viewer),
        };
    }
}
