using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Acquisition;
using Proxus.Agent.Tests.Support;
using Proxus.Core.Model;
using Proxus.Core.Normalization;

namespace Proxus.Agent.Tests.Acquisition;

/// <summary>How one connection's poll loop splits a large group into reads and publishes them.</summary>
public sealed class ConnectionRunnerTests : IDisposable
{
    private const int TagCount = (2 * ConnectionRunner.MaxTagsPerRead) + 200;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-runner-").FullName;
    private readonly CountingPublisher _publisher = new();

    [Fact]
    public async Task Poll_GroupLargerThanOneRead_IsReadInChunksAndEveryTagIsPublished()
    {
        var device = new FakeDevice(failFirstChunk: false);
        await using (var runner = CreateRunner(device))
        {
            runner.Start();
            await WaitUntilAsync(() => _publisher.Count >= TagCount);
        }

        device.GroupSizes.Should().Equal(ConnectionRunner.MaxTagsPerRead, ConnectionRunner.MaxTagsPerRead, 200);
        _publisher.Topics.Distinct().Should().HaveCount(TagCount);
        _publisher.BadQuality.Should().Be(0);
    }

    [Fact]
    public async Task Poll_DeviceFailsOnTheFirstChunk_TheRestIsMarkedBadWithoutBeingRead()
    {
        var device = new FakeDevice(failFirstChunk: true);
        await using (var runner = CreateRunner(device))
        {
            runner.Start();
            await WaitUntilAsync(() => _publisher.Count >= TagCount);
        }

        device.ReadsPerChunk[0].Should().BeGreaterThan(0);
        device.ReadsPerChunk.Skip(1).Should().OnlyContain(reads => reads == 0, "a device that failed on one chunk is not asked again until the next poll");
        _publisher.BadQuality.Should().BeGreaterThanOrEqualTo(TagCount, "every tag of the poll gets the failure, once");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ConnectionRunner CreateRunner(FakeDevice device)
    {
        var connection = TestTags.Modbus("plc", 1, "agent", new PollGroup("slow", TimeSpan.FromHours(1)));
        var tags = Enumerable.Range(0, TagCount)
            .Select(i => TestTags.Tag($"Acme/SiteA/Hall/Line1/Plc/R{i:D4}", "plc", $"HR{i}", DataType.UInt16) with { PollInterval = null, PollGroup = "slow", ReportByException = false })
            .ToList();
        return new ConnectionRunner(connection, tags, device, new SequenceAllocator(Path.Combine(_directory, "sequence")), _publisher, NullLogger.Instance, TimeProvider.System);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the first poll must publish every tag");
            await Task.Delay(20);
        }
    }

    private sealed class FakeDevice(bool failFirstChunk) : IDeviceConnection
    {
        private readonly List<int> _groupSizes = [];
        private readonly List<int[]> _reads = [];

        public bool IsConnected => !failFirstChunk;

        public IReadOnlyList<int> GroupSizes => _groupSizes;

        public IReadOnlyList<int> ReadsPerChunk => [.. _reads.Select(reads => Volatile.Read(ref reads[0]))];

        public IPollGroupReader CreateGroup(IReadOnlyList<Tag> tags)
        {
            var reads = new int[1];
            var fail = failFirstChunk && _groupSizes.Count == 0;
            _groupSizes.Add(tags.Count);
            _reads.Add(reads);
            return new Reader(tags.Count, fail, reads);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Reader(int count, bool fail, int[] reads) : IPollGroupReader
    {
        public Task<IReadOnlyList<RawReading>> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads[0]);
            var now = DateTimeOffset.UtcNow;
            IReadOnlyList<RawReading> readings = [.. Enumerable.Range(0, count).Select(i => fail ? RawReading.Bad("connection refused", now) : new RawReading(TagValue.FromInt64(i), null, now))];
            return Task.FromResult(readings);
        }
    }

    private sealed class CountingPublisher : IUnsPublisher
    {
        private readonly ConcurrentQueue<string> _topics = new();
        private int _bad;

        public int Count => _topics.Count;

        public IEnumerable<string> Topics => _topics;

        public int BadQuality => Volatile.Read(ref _bad);

        public void Publish(UnsBatch batch)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];
                using var document = JsonDocument.Parse(message.Payload);
                if (document.RootElement.GetProperty("quality").GetString() == "bad")
                {
                    Interlocked.Increment(ref _bad);
                }

                _topics.Enqueue(message.Topic);
            }
        }
    }
}
