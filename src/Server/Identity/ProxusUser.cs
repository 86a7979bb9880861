using Microsoft.AspNetCore.Identity;

namespace Proxus.Server.Identity;

/// <summary>A person who signs in to the portal or the REST API.</summary>
public sealed class ProxusUser : IdentityUser<Guid>
{
    /// <summary>Set for the first administrator and for one-time passwords an admin hands out.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled user cannot sign in, and every session of theirs ends at the next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
