using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Configuration;
using Proxus.Server.Fleet;

namespace Proxus.Server.Data.Configurations;

internal sealed class AgentConfigEnvelopeConfiguration : IEntityTypeConfiguration<AgentConfigEnvelope>
{
    public void Configure(EntityTypeBuilder<AgentConfigEnvelope> builder)
    {
        builder.ToTable("agent_config_envelopes");
        builder.HasKey(envelope => envelope.Id);
        builder.Property(envelope => envelope.Id).ValueGeneratedNever();
        builder.HasIndex(envelope => new { envelope.AgentId, envelope.Version }).IsUnique();
        builder.HasIndex(envelope => envelope.TagMapVersionId);
        builder.HasIndex(envelope => envelope.ExpiresAt);
        builder.HasOne<Agent>().WithMany().HasForeignKey(envelope => envelope.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TagMapVersion>().WithMany().HasForeignKey(envelope => envelope.TagMapVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
