using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Fleet;

namespace Proxus.Server.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.ToTable("sites");
        builder.HasKey(site => site.Id);
        builder.Property(site => site.Id).ValueGeneratedNever();
        builder.Property(site => site.Name).HasMaxLength(Site.MaxNameLength);
        builder.HasIndex(site => site.Name).IsUnique();
        builder.HasMany(site => site.Agents).WithOne(agent => agent.Site).HasForeignKey(agent => agent.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
