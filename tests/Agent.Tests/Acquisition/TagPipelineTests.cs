using Proxus.Agent.Acquisition;
using Proxus.Agent.Tests.Support;
using Proxus.Core.Model;
using Proxus.Core.Normalization;

namespace Proxus.Agent.Tests.Acquisition;

/// <summary>What one tag publishes for the readings of successive polls.</summary>
public sealed class TagPipelineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 7, 0, 0, 123, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-pipeline-").FullName;

    [Fact]
    public void Process_TwoPollsInTheSameMillisecond_PublishesTheSampleOnce()
    {
        var pipeline = new TagPipeline(TestTags.Tag("Acme/SiteA/Hall/Line1/Plc/R0", "plc", "HR0", DataType.UInt16) with { ReportByException = false });
        var sequence = new SequenceAllocator(Path.Combine(_directory, "sequence"));
        var batch = new UnsBatch();
        var payload = new PayloadWriter();

        pipeline.Process(new RawReading(TagValue.FromInt64(1), null, T0), sequence, batch, payload).Should().BeTrue();
        pipeline.Process(new RawReading(TagValue.FromInt64(1), null, T0.AddTicks(5_000)), sequence, batch, payload).Should().BeFalse("(tag, timestamp) at millisecond precision is the key consumers de-duplicate by");
        pipeline.Process(new RawReading(TagValue.FromInt64(1), null, T0.AddMilliseconds(1)), sequence, batch, payload).Should().BeTrue();

        batch.Count.Should().Be(2);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
