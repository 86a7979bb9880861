using System.Text;
using Proxus.Server.Telemetry;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>The pipeline's delivery rules, over a store the test controls (no database).</summary>
public sealed class TelemetryIngestServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submit_StoreHeld_CompletionWaitsForCommit()
    {
        var store = new ControllableStore();
        var gate = new TaskCompletionSource();
        store.HoldNextWrite(gate.Task);
        await using var pipeline = await IngestPipeline.StartAsync(store);
        var message = TelemetrySamples.Message(TelemetrySamples.NewTag(), TelemetrySamples.Day, 1);

        await pipeline.Service.SubmitAsync(message, CancellationToken.None);
        await WaitUntilAsync(() => store.Calls == 1);

        message.Completion.IsCompleted.Should().BeFalse("the batch has not committed");
        gate.SetResult();
        (await message.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Stored);
        store.Batches.Should().ContainSingle();
    }

    [Fact]
    public async Task Submit_QueueFull_WaitsUntilRoom()
    {
        var store = new ControllableStore();
        var gate = new TaskCompletionSource();
        store.HoldNextWrite(gate.Task);
        await using var pipeline = await IngestPipeline.StartAsync(store, options => (options.QueueCapacity, options.BatchSize) = (2, 1));
        var tag = TelemetrySamples.NewTag();
        var first = TelemetrySamples.Message(tag, TelemetrySamples.Day, 0);
        await pipeline.Service.SubmitAsync(first, CancellationToken.None);
        await WaitUntilAsync(() => store.Calls == 1);

        // The writer holds message 0; messages 1 and 2 fill the queue; message 3 must wait.
        await pipeline.Service.SubmitAsync(TelemetrySamples.Message(tag, TelemetrySamples.Day.AddSeconds(1), 1), CancellationToken.None);
        await pipeline.Service.SubmitAsync(TelemetrySamples.Message(tag, TelemetrySamples.Day.AddSeconds(2), 2), CancellationToken.None);
        var blocked = pipeline.Service.SubmitAsync(TelemetrySamples.Message(tag, TelemetrySamples.Day.AddSeconds(3), 3), CancellationToken.None).AsTask();
        await Task.Delay(200);

        blocked.IsCompleted.Should().BeFalse("a full queue pushes back on the consumer");
        gate.SetResult();
        await blocked.WaitAsync(Timeout);
        await WaitUntilAsync(() => pipeline.Counters.Stored == 4);
    }

    [Fact]
    public async Task Submit_MalformedAmongValid_MalformedAcknowledgedAndBatchStored()
    {
        var store = new ControllableStore();
        await using var pipeline = await IngestPipeline.StartAsync(store, options => options.BatchDelay = TimeSpan.FromMilliseconds(300));
        var tag = TelemetrySamples.NewTag();
        var good1 = TelemetrySamples.Message(tag, TelemetrySamples.Day, 1);
        var bad = new IngestMessage(tag, Encoding.UTF8.GetBytes("{\"value\": oops}"));
        var badTopic = new IngestMessage("Acme/+/x", TelemetrySamples.Payload(TelemetrySamples.Day, 2));
        var good2 = TelemetrySamples.Message(tag, TelemetrySamples.Day.AddSeconds(1), 3);

        foreach (var message in new[] { good1, bad, badTopic, good2 })
        {
            await pipeline.Service.SubmitAsync(message, CancellationToken.None);
        }

        (await bad.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Malformed);
        (await badTopic.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Malformed);
        (await good1.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Stored);
        (await good2.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Stored);
        store.Batches.SelectMany(batch => batch).Select(point => point.Number).Should().BeEquivalentTo(new double?[] { 1, 3 });
        pipeline.Counters.Malformed.Should().Be(2);
        pipeline.Counters.Stored.Should().Be(2);
    }

    [Fact]
    public async Task Submit_MalformedWhileWriteHeld_ParsedAndDoneAtOnce()
    {
        var store = new ControllableStore();
        var gate = new TaskCompletionSource();
        store.HoldNextWrite(gate.Task);
        await using var pipeline = await IngestPipeline.StartAsync(store, options => options.BatchSize = 1);
        var tag = TelemetrySamples.NewTag();
        var held = TelemetrySamples.Message(tag, TelemetrySamples.Day, 1);
        await pipeline.Service.SubmitAsync(held, CancellationToken.None);
        await WaitUntilAsync(() => store.Calls == 1);

        // Parsing is the submitter's work: it does not wait for the batch being written.
        var malformed = new IngestMessage(tag, "{\"value\": 1}"u8.ToArray());
        await pipeline.Service.SubmitAsync(malformed, CancellationToken.None);

        malformed.Completion.IsCompletedSuccessfully.Should().BeTrue();
        (await malformed.Completion).Should().Be(IngestOutcome.Malformed);
        pipeline.Counters.Malformed.Should().Be(1);
        held.Completion.IsCompleted.Should().BeFalse("its batch has not committed");
        gate.SetResult();
        (await held.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Stored);
    }

    [Fact]
    public async Task Submit_OlderThanRetention_ExpiredAndNotWritten()
    {
        var store = new ControllableStore();
        await using var pipeline = await IngestPipeline.StartAsync(store, options => options.RetentionDays = 1);
        var message = TelemetrySamples.Message(TelemetrySamples.NewTag(), DateTimeOffset.UtcNow.AddDays(-2), 1);

        await pipeline.Service.SubmitAsync(message, CancellationToken.None);

        (await message.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Expired);
        store.Calls.Should().Be(0);
        pipeline.Counters.Expired.Should().Be(1);
    }

    [Fact]
    public async Task Submit_WriteFailsOnce_RetriedThenStored()
    {
        var store = new ControllableStore();
        store.FailNextWrite(new IOException("database unreachable"));
        await using var pipeline = await IngestPipeline.StartAsync(store);
        var message = TelemetrySamples.Message(TelemetrySamples.NewTag(), TelemetrySamples.Day, 1);

        await pipeline.Service.SubmitAsync(message, CancellationToken.None);

        (await message.Completion.WaitAsync(Timeout)).Should().Be(IngestOutcome.Stored);
        store.Calls.Should().Be(2);
        pipeline.Counters.WriteFailures.Should().Be(1);
    }

    [Fact]
    public async Task WaitAsync_StoreHeld_WaitsForTheCommitThenAnswersWithoutWaiting()
    {
        var store = new ControllableStore();
        var gate = new TaskCompletionSource();
        store.HoldNextWrite(gate.Task);
        await using var pipeline = await IngestPipeline.StartAsync(store, options => options.BatchDelay = TimeSpan.FromMilliseconds(300));
        var tag = TelemetrySamples.NewTag();
        var messages = Enumerable.Range(0, 3).Select(i => TelemetrySamples.Message(tag, TelemetrySamples.Day.AddSeconds(i), i)).ToList();
        var malformed = new IngestMessage(tag, "{"u8.ToArray());
        messages.Insert(1, malformed);
        foreach (var message in messages)
        {
            await pipeline.Service.SubmitAsync(message, CancellationToken.None);
        }

        await WaitUntilAsync(() => store.Calls == 1);
        var waiting = messages.Select(m => pipeline.Service.WaitAsync(m, CancellationToken.None).AsTask()).ToList();
        await Task.Delay(100);
        waiting.Where((_, i) => i != 1).Should().OnlyContain(w => !w.IsCompleted, "no value is acknowledged before its batch commits");
        waiting[1].IsCompletedSuccessfully.Should().BeTrue("a malformed message is done at once (the consumer still acknowledges in arrival order)");

        gate.SetResult();
        (await Task.WhenAll(waiting).WaitAsync(Timeout)).Should().Equal(IngestOutcome.Stored, IngestOutcome.Malformed, IngestOutcome.Stored, IngestOutcome.Stored);
        pipeline.Service.WaitAsync(messages[^1], CancellationToken.None).IsCompletedSuccessfully.Should().BeTrue("a message that is done answers at once");
    }

    [Fact]
    public async Task WaitAsync_Abandoned_ThrowsSoTheMessageStaysUnacknowledged()
    {
        var store = new ControllableStore();
        store.HoldNextWrite(new TaskCompletionSource().Task);
        var pipeline = await IngestPipeline.StartAsync(store, options => options.BatchSize = 1);
        var message = TelemetrySamples.Message(TelemetrySamples.NewTag(), TelemetrySamples.Day, 1);
        await pipeline.Service.SubmitAsync(message, CancellationToken.None);
        await WaitUntilAsync(() => store.Calls == 1);
        var waiting = pipeline.Service.WaitAsync(message, CancellationToken.None).AsTask();

        await pipeline.DisposeAsync();

        await FluentActions.Awaiting(() => waiting.WaitAsync(Timeout)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Stop_WhileWriteHeld_MessagesAbandonedNotAcknowledged()
    {
        var store = new ControllableStore();
        store.HoldNextWrite(new TaskCompletionSource().Task);
        var pipeline = await IngestPipeline.StartAsync(store, options => options.BatchSize = 1);
        var tag = TelemetrySamples.NewTag();
        var inFlight = TelemetrySamples.Message(tag, TelemetrySamples.Day, 1);
        var queued = TelemetrySamples.Message(tag, TelemetrySamples.Day.AddSeconds(1), 2);
        await pipeline.Service.SubmitAsync(inFlight, CancellationToken.None);
        await WaitUntilAsync(() => store.Calls == 1);
        await pipeline.Service.SubmitAsync(queued, CancellationToken.None);

        await pipeline.DisposeAsync();

        await FluentActions.Awaiting(() => inFlight.Completion).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => queued.Completion).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => pipeline.Service.SubmitAsync(TelemetrySamples.Message(tag, TelemetrySamples.Day, 3), CancellationToken.None).AsTask())
            .Should().ThrowAsync<System.Threading.Channels.ChannelClosedException>("a stopped pipeline takes no more messages");
    }

    [Fact]
    public async Task Submit_CommittedBatch_UpdatesLastValueCacheNewestWins()
    {
        var store = new ControllableStore();
        await using var pipeline = await IngestPipeline.StartAsync(store);
        var tag = TelemetrySamples.NewTag();
        var newer = TelemetrySamples.Message(tag, TelemetrySamples.Day.AddMinutes(1), 2);
        var older = TelemetrySamples.Message(tag, TelemetrySamples.Day, 1);

        await pipeline.Service.SubmitAsync(newer, CancellationToken.None);
        await newer.Completion.WaitAsync(Timeout);
        await pipeline.Service.SubmitAsync(older, CancellationToken.None);
        await older.Completion.WaitAsync(Timeout);

        var last = await pipeline.Cache.GetAsync([tag], CancellationToken.None);
        last.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Tag = tag, Timestamp = TelemetrySamples.Day.AddMinutes(1), Value = (object)2.0, Quality = "good", Unit = "degC" });
    }

    [Fact]
    public async Task Submit_OneBatchOutOfOrder_CacheHoldsNewestWithNewestStatedUnit()
    {
        var store = new ControllableStore();
        await using var pipeline = await IngestPipeline.StartAsync(store, options => options.BatchDelay = TimeSpan.FromMilliseconds(300));
        var tag = TelemetrySamples.NewTag();
        string Stamp(int seconds) => TelemetrySamples.Day.AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        List<IngestMessage> batch =
        [
            new(tag, Encoding.UTF8.GetBytes($$"""{"value": 2, "unit": "bar", "timestamp": "{{Stamp(2)}}"}""")),
            new(tag, Encoding.UTF8.GetBytes($$"""{"value": 3, "timestamp": "{{Stamp(3)}}"}""")),
            new(tag, Encoding.UTF8.GetBytes($$"""{"value": 1, "unit": "psi", "timestamp": "{{Stamp(1)}}"}""")),
        ];

        foreach (var message in batch)
        {
            await pipeline.Service.SubmitAsync(message, CancellationToken.None);
        }

        await Task.WhenAll(batch.Select(message => message.Completion)).WaitAsync(Timeout);
        store.Batches.Should().ContainSingle("the three values went in one batch");
        var last = await pipeline.Cache.GetAsync([tag], CancellationToken.None);
        last.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Timestamp = TelemetrySamples.Day.AddSeconds(3), Value = (object)3.0, Unit = "bar" }, "the newest value states no unit; the newest one stated goes with it");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
