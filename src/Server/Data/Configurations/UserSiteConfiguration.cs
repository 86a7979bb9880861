using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;

namespace Proxus.Server.Data.Configurations;

internal sealed class UserSiteConfiguration : IEntityTypeConfiguration<UserSite>
{
    public void Configure(EntityTypeBuilder<UserSite> builder)
    {
        builder.ToTable("user_sites");
        builder.HasKey(assignment => new { assignment.UserId, assignment.SiteId });
        builder.HasOne<Site>().WithMany().HasForeignKey(assignment => assignment.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(assignment => assignment.SiteId);
    }
}
