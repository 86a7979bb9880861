using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Monitoring;

namespace Proxus.Server.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.HasKey(alert => alert.Id);
        builder.Property(alert => alert.Id).ValueGeneratedNever();
        builder.Property(alert => alert.Rule).HasMaxLength(64);
        builder.Property(alert => alert.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(alert => alert.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(alert => alert.Subject).HasMaxLength(Alert.MaxSubjectLength);
        builder.Property(alert => alert.Source).HasMaxLength(Alert.MaxSourceLength);
        builder.Property(alert => alert.Summary).HasMaxLength(Alert.MaxSummaryLength);
        builder.Property(alert => alert.Details).HasMaxLength(Alert.MaxDetailsLength);
        builder.Property(alert => alert.AcknowledgedBy).HasMaxLength(Alert.MaxActorLength);
        builder.Property(alert => alert.AcknowledgeComment).HasMaxLength(Alert.MaxCommentLength);
        builder.HasIndex(alert => new { alert.Rule, alert.Subject, alert.State });
        builder.HasIndex(alert => alert.LastSeen);
    }
}
