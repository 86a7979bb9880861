using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Configuration;
using Proxus.Server.Fleet;

namespace Proxus.Server.Data.Configurations;

internal sealed class AgentConfigStateConfiguration : IEntityTypeConfiguration<AgentConfigState>
{
    public void Configure(EntityTypeBuilder<AgentConfigState> builder)
    {
        builder.ToTable("agent_config_states");
        builder.HasKey(state => state.AgentId);
        builder.Property(state => state.AgentId).ValueGeneratedNever();
        builder.Property(state => state.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(state => state.Reason).HasMaxLength(AgentConfigState.MaxReasonLength);
        builder.HasOne<Agent>().WithOne().HasForeignKey<AgentConfigState>(state => state.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}
