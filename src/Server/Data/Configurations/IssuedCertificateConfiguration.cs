using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Pki;

namespace Proxus.Server.Data.Configurations;

internal sealed class IssuedCertificateConfiguration : IEntityTypeConfiguration<IssuedCertificate>
{
    public void Configure(EntityTypeBuilder<IssuedCertificate> builder)
    {
        builder.ToTable("issued_certificates");
        builder.HasKey(certificate => certificate.SerialNumber);
        builder.Property(certificate => certificate.SerialNumber).HasMaxLength(64);
        builder.Property(certificate => certificate.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(certificate => certificate.Subject).HasMaxLength(IssuedCertificate.MaxSubjectLength);
        builder.Property(certificate => certificate.RevocationReason).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<Agent>().WithMany().HasForeignKey(certificate => certificate.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(certificate => certificate.AgentId);
        builder.HasOne<MachineClient>().WithMany().HasForeignKey(certificate => certificate.MachineClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(certificate => certificate.MachineClientId);
    }
}
