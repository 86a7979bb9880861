using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Fleet;
using Proxus.Server.Writes;

namespace Proxus.Server.Data.Configurations;

internal sealed class WriteRequestConfiguration : IEntityTypeConfiguration<WriteRequest>
{
    public void Configure(EntityTypeBuilder<WriteRequest> builder)
    {
        builder.ToTable("write_requests");
        builder.HasKey(request => request.Id);
        builder.Property(request => request.Id).ValueGeneratedNever();
        builder.Property(request => request.Tag).HasMaxLength(WriteRequest.MaxTagLength);
        builder.Property(request => request.DataType).HasMaxLength(20);
        builder.Property(request => request.Value).HasMaxLength(WriteRequest.MaxValueLength);
        builder.Property(request => request.Reason).HasMaxLength(WriteRequest.MaxReasonLength);
        builder.Property(request => request.RequestedBy).HasMaxLength(WriteRequest.MaxActorLength);
        builder.Property(request => request.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(request => request.Version).IsConcurrencyToken();
        builder.Property(request => request.Nonce).HasMaxLength(32);
        builder.Property(request => request.ReadBack).HasMaxLength(WriteRequest.MaxValueLength);
        builder.Property(request => request.Error).HasMaxLength(WriteRequest.MaxErrorLength);
        builder.HasIndex(request => new { request.State, request.ExpiresAt });
        builder.HasIndex(request => new { request.SiteId, request.RequestedAt });
        builder.HasIndex(request => request.RequestedAt);
        builder.HasOne<Site>().WithMany().HasForeignKey(request => request.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agent>().WithMany().HasForeignKey(request => request.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}
