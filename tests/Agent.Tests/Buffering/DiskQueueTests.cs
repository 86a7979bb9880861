using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

public sealed class DiskQueueTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly QueueDirectory _directory = new();

    [Fact]
    public void Enqueue_FreshQueue_ReturnsIncreasingSequencesFromOne()
    {
        using var queue = _directory.Open();

        QueueDirectory.Fill(queue, 1, 5).Should().Equal(1, 2, 3, 4, 5);
        queue.Depth.Should().Be(5);
    }

    [Fact]
    public void TryReadNext_AcrossSegments_ReturnsEveryRecordInOrderWithItsPayload()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 500);

        var records = QueueDirectory.Drain(queue);

        _directory.SegmentFiles().Should().HaveCountGreaterThan(3);
        records.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, 500).Select(i => (long)i));
        records.Should().AllSatisfy(r => r.Payload.ToArray().Should().Equal(QueueDirectory.Payload(r.Sequence)));
    }

    [Fact]
    public void TryReadNext_EmptyQueue_ReturnsFalse()
    {
        using var queue = _directory.Open();

        queue.TryReadNext(out _).Should().BeFalse();
    }

    [Fact]
    public void TryReadNext_AllHandedOut_ReturnsFalseUntilTheNextEnqueue()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 2);
        QueueDirectory.Drain(queue);

        queue.TryReadNext(out _).Should().BeFalse();
        queue.Enqueue(QueueDirectory.Payload(3));

        queue.TryReadNext(out var record).Should().BeTrue();
        record.Sequence.Should().Be(3);
    }

    [Fact]
    public void Enqueue_EmptyRecordAndLargestRecord_RoundTrip()
    {
        using var queue = _directory.Open(_directory.Options(segmentBytes: 256 * 1024, maxBytes: 1 << 20, maxRecordBytes: 200_000));
        var largest = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();

        queue.Enqueue([]);
        queue.Enqueue(largest);
        var records = QueueDirectory.Drain(queue);

        records.Should().HaveCount(2);
        records[0].Payload.Length.Should().Be(0);
        records[1].Payload.ToArray().Should().Equal(largest);
    }

    [Fact]
    public void Enqueue_RecordLargerThanMaxRecordBytes_ThrowsArgumentExceptionAndEnqueuesNothing()
    {
        using var queue = _directory.Open(_directory.Options(maxRecordBytes: 100));

        var enqueue = () => queue.Enqueue(new byte[101]);

        enqueue.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("record");
        queue.Depth.Should().Be(0);
        queue.Enqueue(new byte[100]).Should().Be(1);
    }

    [Fact]
    public void Acknowledge_OutOfOrderAndTwice_CountsEachRecordOnce()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 5);
        QueueDirectory.Drain(queue);

        queue.Acknowledge(4);
        queue.Acknowledge(2);
        queue.Acknowledge(4);
        queue.Acknowledge(1);

        queue.Depth.Should().Be(2);
    }

    [Fact]
    public void Acknowledge_NeverEnqueuedSequence_Throws()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 3);

        var acknowledge = () => queue.Acknowledge(4);

        acknowledge.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Rewind_AfterOutOfOrderAcknowledgements_HandsOutOnlyTheUnacknowledgedInOrder()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 300);
        QueueDirectory.Drain(queue);
        foreach (var sequence in Enumerable.Range(1, 300).Where(s => s % 3 != 0 && s != 7))
        {
            queue.Acknowledge(sequence);
        }

        queue.Rewind();
        var again = QueueDirectory.Drain(queue).Select(r => r.Sequence).ToList();

        again.Should().Equal(new long[] { 3, 6, 7 }.Concat(Enumerable.Range(3, 98).Select(i => (long)(i * 3))));
        queue.Depth.Should().Be(again.Count);
    }

    [Fact]
    public void Rewind_NothingHandedOut_ChangesNothing()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 3);
        queue.TryReadNext(out _);
        queue.Acknowledge(1);

        queue.Rewind();

        QueueDirectory.Drain(queue).Select(r => r.Sequence).Should().Equal(2, 3);
    }

    [Fact]
    public void TryReadNext_RecordAcknowledgedBeforeHandedOut_IsPassedOver()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 4);

        queue.Acknowledge(2);
        queue.Acknowledge(3);

        QueueDirectory.Drain(queue).Select(r => r.Sequence).Should().Equal(1, 4);
    }

    [Fact]
    public async Task WaitForRecordsAsync_RecordsPending_CompletesAtOnce()
    {
        using var queue = _directory.Open();
        queue.Enqueue(QueueDirectory.Payload(1));

        var wait = queue.WaitForRecordsAsync(CancellationToken.None);

        wait.IsCompleted.Should().BeTrue();
        await wait;
    }

    [Fact]
    public async Task WaitForRecordsAsync_NothingPending_CompletesOnTheNextEnqueue()
    {
        using var queue = _directory.Open();
        queue.Enqueue(QueueDirectory.Payload(1));
        queue.TryReadNext(out _);

        var wait = queue.WaitForRecordsAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        wait.IsCompleted.Should().BeFalse();
        queue.Enqueue(QueueDirectory.Payload(2));

        await wait.WaitAsync(Timeout);
        queue.TryReadNext(out var record).Should().BeTrue();
        record.Sequence.Should().Be(2);
    }

    [Fact]
    public async Task WaitForRecordsAsync_OnlyAcknowledgedRecordsLeft_WaitsInsteadOfSpinning()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 3);
        queue.TryReadNext(out _);
        queue.Acknowledge(2);
        queue.Acknowledge(3);
        queue.TryReadNext(out _).Should().BeFalse();

        var wait = queue.WaitForRecordsAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);

        wait.IsCompleted.Should().BeFalse();
        queue.Rewind();
        await wait.WaitAsync(Timeout);
        queue.TryReadNext(out var record).Should().BeTrue();
        record.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task WaitForRecordsAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var queue = _directory.Open();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var wait = async () => await queue.WaitForRecordsAsync(cancellation.Token);

        await wait.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task WaitForRecordsAsync_QueueDisposed_FailsWithObjectDisposed()
    {
        var queue = _directory.Open();
        var wait = queue.WaitForRecordsAsync(CancellationToken.None).AsTask();

        queue.Dispose();

        await wait.Invoking(w => w.WaitAsync(Timeout)).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposedButAcknowledgeIsIgnored()
    {
        var queue = _directory.Open();
        queue.Enqueue(QueueDirectory.Payload(1));
        queue.Dispose();

        queue.Invoking(q => q.Enqueue(QueueDirectory.Payload(2))).Should().Throw<ObjectDisposedException>();
        queue.Invoking(q => q.TryReadNext(out _)).Should().Throw<ObjectDisposedException>();
        queue.Invoking(q => q.Acknowledge(1)).Should().NotThrow();
        queue.Invoking(q => q.Dispose()).Should().NotThrow();
    }

    [Fact]
    public void Open_DirectoryHeldByAnotherQueue_ThrowsIOException()
    {
        using var queue = _directory.Open();

        var second = () => _directory.Open();

        second.Should().Throw<IOException>().WithMessage("*in use*");
    }

    [Fact]
    public async Task Enqueue_ConcurrentProducersAndAConsumer_EveryRecordDeliveredOnceInSequenceOrder()
    {
        using var queue = _directory.Open(_directory.Options(segmentBytes: 64 * 1024, maxBytes: 64 << 20));
        const int Producers = 4;
        const int PerProducer = 2_000;
        using var cancellation = new CancellationTokenSource(Timeout);
        var consumer = Task.Run(async () =>
        {
            var received = new List<QueuedRecord>();
            while (received.Count < Producers * PerProducer)
            {
                await queue.WaitForRecordsAsync(cancellation.Token);
                while (queue.TryReadNext(out var record))
                {
                    received.Add(record);
                    queue.Acknowledge(record.Sequence);
                }
            }

            return received;
        });

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                queue.Enqueue(QueueDirectory.Payload((p * PerProducer) + i));
            }
        }));
        await Task.WhenAll(producers).WaitAsync(Timeout);
        var records = await consumer.WaitAsync(Timeout);

        records.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, Producers * PerProducer).Select(i => (long)i));
        records.Select(r => QueueDirectory.Text(r)).Should().OnlyHaveUniqueItems();
        queue.Depth.Should().Be(0);
    }

    public void Dispose() => _directory.Dispose();
}
