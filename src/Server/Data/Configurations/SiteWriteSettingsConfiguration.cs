using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Fleet;
using Proxus.Server.Writes;

namespace Proxus.Server.Data.Configurations;

internal sealed class SiteWriteSettingsConfiguration : IEntityTypeConfiguration<SiteWriteSettings>
{
    public void Configure(EntityTypeBuilder<SiteWriteSettings> builder)
    {
        builder.ToTable("site_write_settings");
        builder.HasKey(settings => settings.SiteId);
        builder.Property(settings => settings.SiteId).ValueGeneratedNever();
        builder.Property(settings => settings.ChangedBy).HasMaxLength(WriteRequest.MaxActorLength);
        builder.HasOne<Site>().WithOne().HasForeignKey<SiteWriteSettings>(settings => settings.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
