using Microsoft.AspNetCore.Identity;

namespace Proxus.Server.Identity;

/// <summary>One of the fixed <see cref="Roles"/>, seeded by migration 0005.</summary>
public sealed class ProxusRole : IdentityRole<Guid>
{
}
