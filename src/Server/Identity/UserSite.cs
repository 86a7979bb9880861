namespace Proxus.Server.Identity;

/// <summary>Assigns an OtEngineer to a site: they see and change only the objects of their sites.</summary>
public sealed class UserSite
{
    public Guid UserId { get; set; }

    public Guid SiteId { get; set; }
}
