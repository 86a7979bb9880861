using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

public sealed class DiskQueueOptionsTests : IDisposable
{
    private readonly QueueDirectory _directory = new();

    public static TheoryData<string, Func<DiskQueueOptions, DiskQueueOptions>> InvalidOptions => new()
    {
        { "Directory", o => new DiskQueueOptions { Directory = " " } },
        { "MaxRecordBytes", o => Copy(o, maxRecordBytes: 0) },
        { "MaxRecordBytes", o => Copy(o, maxRecordBytes: DiskQueueOptions.MaxRecordBytesLimit + 1, segmentBytes: int.MaxValue, maxBytes: long.MaxValue) },
        { "SegmentBytes", o => Copy(o, segmentBytes: 1024) },
        { "SegmentBytes", o => Copy(o, segmentBytes: 8192, maxRecordBytes: 8192) },
        { "MaxBytes", o => Copy(o, segmentBytes: 8192, maxBytes: 16383) },
        { "Fsync", o => Copy(o, fsync: (FsyncPolicy)42) },
        { "FsyncInterval", o => Copy(o, interval: TimeSpan.Zero) },
        { "FsyncInterval", o => Copy(o, interval: TimeSpan.FromHours(2)) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Open_InvalidOption_ThrowsArgumentExceptionNamingIt(string name, Func<DiskQueueOptions, DiskQueueOptions> change)
    {
        var options = change(_directory.Options());

        var open = () => DiskQueue.Open(options);

        open.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void Open_Defaults_AreValid()
    {
        using var queue = DiskQueue.Open(new DiskQueueOptions { Directory = _directory.Path });

        queue.Options.MaxBytes.Should().Be(1L << 30);
        queue.Options.SegmentBytes.Should().Be(16 << 20);
        queue.Options.MaxRecordBytes.Should().Be(1 << 20);
        queue.Options.Fsync.Should().Be(FsyncPolicy.Interval);
        queue.Depth.Should().Be(0);
    }

    public void Dispose() => _directory.Dispose();

    private static DiskQueueOptions Copy(DiskQueueOptions o, int? maxRecordBytes = null, int? segmentBytes = null, long? maxBytes = null, FsyncPolicy? fsync = null, TimeSpan? interval = null) => new()
    {
        Directory = o.Directory,
        MaxRecordBytes = maxRecordBytes ?? o.MaxRecordBytes,
        SegmentBytes = segmentBytes ?? o.SegmentBytes,
        MaxBytes = maxBytes ?? o.MaxBytes,
        Fsync = fsync ?? o.Fsync,
        FsyncInterval = interval ?? o.FsyncInterval,
    };
}
