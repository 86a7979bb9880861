using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Audit;

namespace Proxus.Server.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(entry => entry.Sequence);
        builder.Property(entry => entry.Sequence).ValueGeneratedNever();
        builder.Property(entry => entry.Actor).HasMaxLength(AuditEntry.MaxActorLength);
        builder.Property(entry => entry.Type).HasMaxLength(AuditEntry.MaxTypeLength);
        builder.Property(entry => entry.Subject).HasMaxLength(AuditEntry.MaxSubjectLength);
        builder.HasIndex(entry => entry.Timestamp);
        builder.HasIndex(entry => entry.Actor);
        builder.HasIndex(entry => entry.Type);
    }
}
