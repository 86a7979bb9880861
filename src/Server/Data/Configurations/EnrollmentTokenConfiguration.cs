using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;

namespace Proxus.Server.Data.Configurations;

internal sealed class EnrollmentTokenConfiguration : IEntityTypeConfiguration<EnrollmentToken>
{
    public void Configure(EntityTypeBuilder<EnrollmentToken> builder)
    {
        builder.ToTable("enrollment_tokens");
        builder.HasKey(token => token.Id);
        builder.Property(token => token.Id).ValueGeneratedNever();
        builder.HasIndex(token => token.TokenHash).IsUnique();
        builder.Property(token => token.CreatedBy).HasMaxLength(256);
        builder.Property(token => token.IssuedSerialNumber).HasMaxLength(64);
        builder.HasOne<Agent>().WithMany().HasForeignKey(token => token.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(token => token.AgentId);
    }
}
