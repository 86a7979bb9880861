using Microsoft.Extensions.Logging;
using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>Losses are not only counted but logged, and every truncated prefix of a segment recovers.</summary>
public sealed class DiskQueueReportingTests : IDisposable
{
    private readonly QueueDirectory _directory = new();
    private readonly CapturingLogger<DiskQueue> _logger = new();

    [Fact]
    public void Enqueue_BeyondMaxBytes_LogsTheDropWithItsCount()
    {
        using var queue = DiskQueue.Open(_directory.Options(segmentBytes: 4096, maxBytes: 8192), _logger);

        QueueDirectory.Fill(queue, 1, 200);

        var drops = _logger.Entries.Where(e => e.EventId == 7106).ToList();
        drops.Should().NotBeEmpty();
        drops.Should().AllSatisfy(e => e.Level.Should().Be(LogLevel.Warning));
        drops.Sum(e => long.Parse(e.Message.Split(" with ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Should().Be(queue.DroppedRecords);
    }

    [Fact]
    public void Open_TornTailAndMissingRecords_AreLogged()
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 10);
        }

        var segment = _directory.SegmentFiles().Single();
        QueueDirectory.Truncate(segment, new FileInfo(segment).Length - 3);

        using var reopened = DiskQueue.Open(_directory.Options(), _logger);

        _logger.Entries.Select(e => e.EventId).Should().Contain([7102, 7104, 7100]);
        _logger.Entries.Single(e => e.EventId == 7100).Message.Should().Contain("9 records pending").And.Contain("1 records lost");
    }

    [Fact]
    public void Open_CheckpointIgnored_IsLoggedWithTheReason()
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 3);
        }

        QueueDirectory.Overwrite(_directory.CheckpointFile, 0, "XXXX"u8);

        using var reopened = DiskQueue.Open(_directory.Options(), _logger);

        _logger.Entries.Should().Contain(e => e.EventId == 7101 && e.Message.Contains("checksum"));
    }

    [Fact]
    public void Open_EveryTruncatedPrefixOfTheNewestSegment_DeliversTheWholeRecordsBeforeTheCut()
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 3);
        }

        var segment = _directory.SegmentFiles().Single();
        var original = File.ReadAllBytes(segment);
        var checkpoint = File.ReadAllBytes(_directory.CheckpointFile);
        var frames = SegmentFiles.Frames(segment);

        for (var length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(segment, original[..length]);
            File.WriteAllBytes(_directory.CheckpointFile, checkpoint);
            var whole = frames.Count(f => f.Offset + f.Length <= length);

            using (var queue = _directory.Open())
            {
                QueueDirectory.Drain(queue).Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, whole).Select(i => (long)i), "cut at {0}", length);
                (whole + queue.CorruptRecords).Should().Be(3, "cut at {0}", length);
                queue.Enqueue(QueueDirectory.Payload(4)).Should().Be(4, "cut at {0}", length);
            }

            foreach (var file in _directory.SegmentFiles().Where(f => f != segment))
            {
                File.Delete(file);
            }
        }
    }

    public void Dispose() => _directory.Dispose();
}
