using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Identity;

namespace Proxus.Server.Data.Configurations;

internal sealed class ProxusUserConfiguration : IEntityTypeConfiguration<ProxusUser>
{
    public void Configure(EntityTypeBuilder<ProxusUser> builder)
    {
        builder.ToTable("users");
        builder.Property(user => user.Id).ValueGeneratedNever();
        builder.Property(user => user.PasswordHash).HasMaxLength(512);
        builder.Property(user => user.SecurityStamp).HasMaxLength(64);
        builder.Property(user => user.ConcurrencyStamp).HasMaxLength(64);
        builder.Property(user => user.PhoneNumber).HasMaxLength(64);
        builder.HasMany<UserSite>().WithOne().HasForeignKey(site => site.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
