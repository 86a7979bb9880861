using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Identity;

namespace Proxus.Server.Data.Configurations;

internal sealed class MachineClientConfiguration : IEntityTypeConfiguration<MachineClient>
{
    public void Configure(EntityTypeBuilder<MachineClient> builder)
    {
        builder.ToTable("machine_clients");
        builder.HasKey(client => client.Id);
        builder.Property(client => client.Id).ValueGeneratedNever();
        builder.Property(client => client.Name).HasMaxLength(MachineClient.MaxNameLength);
        builder.Property(client => client.Scopes).HasMaxLength(512);
        builder.Property(client => client.CreatedBy).HasMaxLength(256);
    }
}
