using Proxus.Server.Telemetry;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>Storage and delivery guarantees against the real database, on each provider.</summary>
public abstract class TelemetryStoreTests(TelemetryFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ITelemetryStore Store => fixture.Host.Store;

    [Fact]
    public async Task WriteAsync_RedeliveredBatch_NoDuplicates()
    {
        var tag = TelemetrySamples.NewTag();
        var batch = Enumerable.Range(0, 100).Select(i => TelemetrySamples.Number(tag, TelemetrySamples.Day.AddSeconds(i), i)).ToList();

        (await Store.WriteAsync(batch, CancellationToken.None)).Should().Be(100);
        (await Store.WriteAsync(batch, CancellationToken.None)).Should().Be(0, "a QoS 1 redelivery repeats values already stored");
        (await Store.WriteAsync([.. batch.Take(10), TelemetrySamples.Number(tag, TelemetrySamples.Day.AddSeconds(100), 100)], CancellationToken.None)).Should().Be(1);

        (await ReadAllAsync(tag)).Select(point => point.Value).Should().Equal(Enumerable.Range(0, 101).Select(i => (object)(double)i));
    }

    [Fact]
    public async Task WriteAsync_DuplicateWithinOneBatch_StoredOnce()
    {
        var tag = TelemetrySamples.NewTag();
        var t = TelemetrySamples.Day.AddHours(3);
        List<TelemetryPoint> batch = [TelemetrySamples.Number(tag, t, 1), TelemetrySamples.Number(tag, t, 1), TelemetrySamples.Number(tag, t.AddSeconds(1), 2)];

        (await Store.WriteAsync(batch, CancellationToken.None)).Should().Be(2, "a value redelivered while its first delivery is still in the batch is one row");

        (await ReadAllAsync(tag)).Select(point => point.Timestamp).Should().Equal(t, t.AddSeconds(1));
    }

    [Fact]
    public async Task WriteAsync_NewValuesAfterARedelivery_EveryBatchStoredInFull()
    {
        var tag = TelemetrySamples.NewTag();
        List<TelemetryPoint> Batch(int first, int count) => [.. Enumerable.Range(first, count).Select(i => TelemetrySamples.Number(tag, TelemetrySamples.Day.AddSeconds(i), i))];

        (await Store.WriteAsync(Batch(0, 10), CancellationToken.None)).Should().Be(10);
        (await Store.WriteAsync(Batch(5, 10), CancellationToken.None)).Should().Be(5, "half of it was a redelivery");
        (await Store.WriteAsync(Batch(15, 20), CancellationToken.None)).Should().Be(20);
        (await Store.WriteAsync(Batch(35, 20), CancellationToken.None)).Should().Be(20);

        (await ReadAllAsync(tag)).Select(point => point.Value).Should().Equal(Enumerable.Range(0, 55).Select(i => (object)(double)i));
    }

    [Fact]
    public async Task Ingest_ConnectionLostAfterCommit_RetryStoresEachValueOnce()
    {
        var store = new ControllableStore(Store);
        store.FailAfterNextCommit(new IOException("connection reset before the commit reply"));
        await using var pipeline = await IngestPipeline.StartAsync(store, options => options.BatchDelay = TimeSpan.FromMilliseconds(300));
        var tag = TelemetrySamples.NewTag();
        var messages = Enumerable.Range(0, 50).Select(i => TelemetrySamples.Message(tag, TelemetrySamples.Day.AddSeconds(i), i)).ToList();

        foreach (var message in messages)
        {
            await pipeline.Service.SubmitAsync(message, CancellationToken.None);
        }

        (await Task.WhenAll(messages.Select(m => m.Completion)).WaitAsync(Timeout)).Should().AllBeEquivalentTo(IngestOutcome.Stored);
        (await ReadAllAsync(tag)).Should().HaveCount(50);
        pipeline.Counters.WriteFailures.Should().Be(1);
        pipeline.Counters.Duplicates.Should().BeGreaterThan(0, "the retry found the first attempt's rows already committed");
    }

    [Fact]
    public async Task Ingest_StoppedMidStream_AcknowledgedValuesStoredAndRedeliveryCompletesWithoutDuplicates()
    {
        var tag = TelemetrySamples.NewTag();
        var messages = Enumerable.Range(0, 2_000).Select(i => TelemetrySamples.Message(tag, TelemetrySamples.Day.AddMilliseconds(i * 10), i)).ToList();
        var store = new ControllableStore(Store);
        var pipeline = await IngestPipeline.StartAsync(store, options => (options.BatchSize, options.QueueCapacity) = (50, 100));
        var producer = Task.Run(async () =>
        {
            foreach (var message in messages)
            {
                await pipeline.Service.SubmitAsync(message, CancellationToken.None);
            }
        });
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            while (messages.Count(m => m.Completion.IsCompletedSuccessfully) < 200)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        // The server is killed with a batch in flight: that write never completes.
        store.HoldNextWrite(new TaskCompletionSource().Task);
        await WaitUntilAsync(() => store.Calls > store.Batches.Count);
        await pipeline.DisposeAsync();
        await FluentActions.Awaiting(() => producer).Should().ThrowAsync<System.Threading.Channels.ChannelClosedException>("the stop interrupted the stream");
        var acknowledged = messages.Where(m => m.Completion.IsCompletedSuccessfully).ToList();
        messages.Where(m => m.Completion.IsCompleted && !m.Completion.IsCompletedSuccessfully).Should().OnlyContain(m => m.Completion.IsCanceled);
        var stored = (await ReadAllAsync(tag)).Select(point => point.Timestamp).ToHashSet();
        acknowledged.Should().HaveCountLessThan(messages.Count).And.HaveCountGreaterThanOrEqualTo(200);
        stored.Should().Contain(acknowledged.Select(m => TelemetrySamples.Day.AddMilliseconds(messages.IndexOf(m) * 10)), "an acknowledged message is committed");

        // The broker redelivers everything unacknowledged; a pessimistic test redelivers all.
        await using var restarted = await IngestPipeline.StartAsync(Store);
        var redelivered = messages.Select((_, i) => TelemetrySamples.Message(tag, TelemetrySamples.Day.AddMilliseconds(i * 10), i)).ToList();
        foreach (var message in redelivered)
        {
            await restarted.Service.SubmitAsync(message, CancellationToken.None);
        }

        await Task.WhenAll(redelivered.Select(m => m.Completion)).WaitAsync(Timeout);
        var all = await ReadAllAsync(tag);
        all.Should().HaveCount(messages.Count);
        all.Select(point => point.Value).Should().Equal(Enumerable.Range(0, messages.Count).Select(i => (object)(double)i));
    }

    [Fact]
    public async Task WriteAsync_CanceledDuringBatch_AllOrNothing()
    {
        var tag = TelemetrySamples.NewTag();
        var batch = Enumerable.Range(0, 20_000).Select(i => TelemetrySamples.Number(tag, TelemetrySamples.Day.AddMilliseconds(i), i)).ToList();
        await Store.WriteAsync([TelemetrySamples.Number(tag, TelemetrySamples.Day.AddDays(-1), -1)], CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        var interrupted = await Record.ExceptionAsync(() => Store.WriteAsync(batch, cancel.Token));

        var count = (await ReadAllAsync(tag)).Count - 1;
        count.Should().BeOneOf([0, batch.Count], "a batch commits whole or not at all");
        if (count == 0)
        {
            interrupted.Should().BeAssignableTo<OperationCanceledException>();
        }

        (await Store.WriteAsync(batch, CancellationToken.None)).Should().Be(batch.Count - count, "the store is usable after an interrupted batch");
        (await ReadAllAsync(tag)).Should().HaveCount(batch.Count + 1);
    }

    [Fact]
    public async Task ReadRawAsync_MixedValues_HalfOpenRangeInTimeOrder()
    {
        var tag = TelemetrySamples.NewTag("State");
        var t = TelemetrySamples.Day.AddHours(1);
        await Store.WriteAsync(
            [
                TelemetrySamples.Number(tag, t.AddSeconds(3), 3.25),
                TelemetrySamples.Number(tag, t, 0.5),
                new TelemetryPoint(tag, t.AddSeconds(1), t, null, true, null, TelemetryQuality.Good, null, null, 7),
                new TelemetryPoint(tag, t.AddSeconds(2), t, null, null, "RUNNING \"fast\"", TelemetryQuality.Uncertain, null, null, null),
                new TelemetryPoint(tag, t.AddSeconds(2.5), t, null, null, null, TelemetryQuality.Bad, null, null, null),
            ],
            CancellationToken.None);

        var points = await Store.ReadRawAsync(tag, t, t.AddSeconds(3), 100, CancellationToken.None).ToListAsync();

        points.Should().Equal(
            new HistoryPoint(tag, t, 0.5, "good"),
            new HistoryPoint(tag, t.AddSeconds(1), true, "good"),
            new HistoryPoint(tag, t.AddSeconds(2), "RUNNING \"fast\"", "uncertain"),
            new HistoryPoint(tag, t.AddSeconds(2.5), null, "bad"));
        (await Store.ReadRawAsync(tag, t, t.AddSeconds(3), 2, CancellationToken.None).ToListAsync()).Should().HaveCount(2);
        (await Store.ReadRawAsync("Acme/Unknown/Tag", t, t.AddSeconds(3), 2, CancellationToken.None).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task WriteAsync_LongMultibyteTexts_StoredExactly()
    {
        var tag = TelemetrySamples.NewTag("Message");
        var texts = Enumerable.Range(0, 60).Select(i => $"{i}:" + new string('€', 4_000)).ToList();
        var batch = texts.Select((text, i) => new TelemetryPoint(tag, TelemetrySamples.Day.AddSeconds(i), TelemetrySamples.Day, null, null, text, TelemetryQuality.Good, null, null, i)).ToList();

        (await Store.WriteAsync(batch, CancellationToken.None)).Should().Be(batch.Count, "about 720 kB of rows cross several COPY chunks");

        (await ReadAllAsync(tag)).Select(point => point.Value).Should().Equal(texts);
    }

    [Fact]
    public async Task ReadAggregatesAsync_KnownData_ExactBuckets()
    {
        var tag = TelemetrySamples.NewTag();
        var t = TelemetrySamples.Day.AddHours(2);
        var points = Enumerable.Range(0, 12).Select(i => TelemetrySamples.Number(tag, t.AddSeconds(i * 10), i)).ToList();
        points.Add(TelemetrySamples.Number(tag, t.AddSeconds(15), 1000, TelemetryQuality.Bad));
        points.Add(new TelemetryPoint(tag, t.AddSeconds(25), t, null, true, null, TelemetryQuality.Good, null, null, null));
        await Store.WriteAsync(points, CancellationToken.None);

        var minute = await Store.ReadAggregatesAsync(tag, t, t.AddMinutes(5), TimeSpan.FromMinutes(1), CancellationToken.None).ToListAsync();
        var shifted = await Store.ReadAggregatesAsync(tag, t.AddSeconds(30), t.AddSeconds(110), TimeSpan.FromMinutes(1), CancellationToken.None).ToListAsync();

        minute.Should().Equal(
            new HistoryBucket(tag, t, 0, 5, 2.5, 0, 5, 6),
            new HistoryBucket(tag, t.AddMinutes(1), 6, 11, 8.5, 6, 11, 6));
        shifted.Should().Equal(
            new HistoryBucket(tag, t.AddSeconds(30), 3, 8, 5.5, 3, 8, 6),
            new HistoryBucket(tag, t.AddSeconds(90), 9, 10, 9.5, 9, 10, 2));
    }

    [Fact]
    public async Task MaintainAsync_RetentionCutoff_DropsOnlyOlderHistory()
    {
        var tag = TelemetrySamples.NewTag();
        await Store.WriteAsync(
            [
                TelemetrySamples.Number(tag, TelemetrySamples.Day.AddDays(-10), 1),
                TelemetrySamples.Number(tag, TelemetrySamples.Day.AddDays(-9).AddHours(23), 2),
                TelemetrySamples.Number(tag, TelemetrySamples.Day, 3),
            ],
            CancellationToken.None);

        var result = await Store.MaintainAsync(DateTimeOffset.UtcNow, TelemetrySamples.Day.AddDays(-5), CancellationToken.None);

        (await ReadAllAsync(tag)).Select(point => point.Value).Should().Equal(3.0);
        (result.PartitionsDropped + result.RowsDeleted).Should().BeGreaterThanOrEqualTo(2);
        (await Store.MaintainAsync(DateTimeOffset.UtcNow, TelemetrySamples.Day.AddDays(-5), CancellationToken.None)).Should().Be(new MaintenanceResult(0, 0, 0), "maintenance is idempotent");
    }

    [Fact]
    public async Task ReadLastValuesAsync_SeveralTags_NewestOfEach()
    {
        var first = TelemetrySamples.NewTag();
        var second = TelemetrySamples.NewTag("Pressure_bar");
        await Store.WriteAsync(
            [
                TelemetrySamples.Number(first, TelemetrySamples.Day.AddMinutes(2), 2),
                TelemetrySamples.Number(first, TelemetrySamples.Day.AddMinutes(1), 1),
                TelemetrySamples.Number(second, TelemetrySamples.Day, 9),
            ],
            CancellationToken.None);

        var last = (await Store.ReadLastValuesAsync(CancellationToken.None)).Where(v => v.Tag == first || v.Tag == second).OrderBy(v => v.Tag, StringComparer.Ordinal).ToList();

        last.Select(v => (v.Tag, v.Timestamp, v.Value, v.Unit)).Should().BeEquivalentTo(new[]
        {
            (first, TelemetrySamples.Day.AddMinutes(2), (object?)2.0, (string?)"degC"),
            (second, TelemetrySamples.Day, (object?)9.0, (string?)"degC"),
        });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private async Task<List<HistoryPoint>> ReadAllAsync(string tag)
        => await Store.ReadRawAsync(tag, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), int.MaxValue, CancellationToken.None).ToListAsync();
}

public sealed class TelemetryStoreSqliteTests(SqliteTelemetryFixture fixture) : TelemetryStoreTests(fixture), IClassFixture<SqliteTelemetryFixture>;

[Collection(PostgresCollection.Name)]
public sealed class TelemetryStorePostgreSqlTests(PostgreSqlTelemetryFixture fixture) : TelemetryStoreTests(fixture), IClassFixture<PostgreSqlTelemetryFixture>;
