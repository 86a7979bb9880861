using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Core.Uns;
using Proxus.Server.Configuration;
using Proxus.Server.Fleet;

namespace Proxus.Server.Data.Configurations;

internal sealed class SiteNamespaceConfiguration : IEntityTypeConfiguration<SiteNamespace>
{
    public void Configure(EntityTypeBuilder<SiteNamespace> builder)
    {
        builder.ToTable("site_namespaces");
        builder.HasKey(ns => ns.SiteId);
        builder.Property(ns => ns.SiteId).ValueGeneratedNever();
        builder.Property(ns => ns.Enterprise).HasMaxLength(UnsPathRules.MaxLevelLength);
        builder.Property(ns => ns.Name).HasMaxLength(UnsPathRules.MaxLevelLength);
        builder.HasIndex(ns => new { ns.Enterprise, ns.Name }).IsUnique();
        builder.HasOne<Site>().WithOne().HasForeignKey<SiteNamespace>(ns => ns.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
