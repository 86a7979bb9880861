using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Fleet;

namespace Proxus.Server.Data.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("agents");
        builder.HasKey(agent => agent.Id);
        builder.Property(agent => agent.Id).ValueGeneratedNever();
        builder.Property(agent => agent.Name).HasMaxLength(Agent.MaxNameLength);
        builder.HasIndex(agent => new { agent.SiteId, agent.Name }).IsUnique().HasFilter("deleted_at IS NULL");
    }
}
