using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Pki;

namespace Proxus.Server.Data.Configurations;

internal sealed class RevocationListConfiguration : IEntityTypeConfiguration<RevocationList>
{
    public void Configure(EntityTypeBuilder<RevocationList> builder)
    {
        builder.ToTable("revocation_lists");
        builder.HasKey(list => list.Number);
        builder.Property(list => list.Number).ValueGeneratedNever();
    }
}
