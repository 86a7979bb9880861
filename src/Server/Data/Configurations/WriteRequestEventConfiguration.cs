using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Proxus.Server.Writes;

namespace Proxus.Server.Data.Configurations;

internal sealed class WriteRequestEventConfiguration : IEntityTypeConfiguration<WriteRequestEvent>
{
    public void Configure(EntityTypeBuilder<WriteRequestEvent> builder)
    {
        builder.ToTable("write_request_events");
        builder.HasKey(step => step.Id);
        builder.Property(step => step.Id).ValueGeneratedNever();
        builder.Property(step => step.Action).HasMaxLength(WriteRequestEvent.MaxActionLength);
        builder.Property(step => step.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(step => step.Actor).HasMaxLength(WriteRequest.MaxActorLength);
        builder.Property(step => step.Detail).HasMaxLength(WriteRequestEvent.MaxDetailLength);
        builder.HasIndex(step => new { step.RequestId, step.Sequence }).IsUnique();
        builder.HasOne<WriteRequest>().WithMany().HasForeignKey(step => step.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
