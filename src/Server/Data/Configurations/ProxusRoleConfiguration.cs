using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Identity;

namespace Proxus.Server.Data.Configurations;

internal sealed class ProxusRoleConfiguration : IEntityTypeConfiguration<ProxusRole>
{
    public void Configure(EntityTypeBuilder<ProxusRole> builder)
    {
        builder.ToTable("roles");
        builder.Property(role => role.Id).ValueGeneratedNever();
        builder.Property(role => role.ConcurrencyStamp).HasMaxLength(64);
    }
}
