using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Pki;

namespace Proxus.Server.Data.Configurations;

internal sealed class PkiCredentialConfiguration : IEntityTypeConfiguration<PkiCredential>
{
    public void Configure(EntityTypeBuilder<PkiCredential> builder)
    {
        builder.ToTable("pki_credentials");
        builder.HasKey(credential => credential.Id);
        builder.Property(credential => credential.Id).ValueGeneratedNever();
        builder.Property(credential => credential.Purpose).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(credential => new { credential.Purpose, credential.CreatedAt });
    }
}
