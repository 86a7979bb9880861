using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Configuration;
using Proxus.Server.Fleet;

namespace Proxus.Server.Data.Configurations;

internal sealed class TagMapVersionConfiguration : IEntityTypeConfiguration<TagMapVersion>
{
    public void Configure(EntityTypeBuilder<TagMapVersion> builder)
    {
        builder.ToTable("tag_map_versions");
        builder.HasKey(version => version.Id);
        builder.Property(version => version.Id).ValueGeneratedNever();
        builder.Property(version => version.Author).HasMaxLength(TagMapVersion.MaxAuthorLength);
        builder.Property(version => version.Comment).HasMaxLength(TagMapVersion.MaxCommentLength);
        builder.HasIndex(version => new { version.SiteId, version.Version }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(version => version.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
