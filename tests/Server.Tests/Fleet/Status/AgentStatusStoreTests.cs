using Microsoft.Extensions.Logging;
using Proxus.Core.Status;
using Proxus.Server.Fleet.Status;
using Proxus.Server.Tests.Support;
using static Proxus.Server.Tests.Support.AgentStatusSamples;

namespace Proxus.Server.Tests.Fleet.Status;

public sealed class AgentStatusStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly RecordingLogger<AgentStatusStore> _logger = new();
    private readonly Guid _agent = Guid.NewGuid();

    [Fact]
    public void Apply_LiveBirth_StoresOnlineSeenNow()
    {
        var store = Store();
        var report = Report(_agent, AgentState.Online, Start.AddMinutes(-5));

        store.Apply(Topic(_agent), Bytes(report), retained: false).Should().BeTrue();

        store.TryGet(_agent, out var entry).Should().BeTrue();
        entry!.Report.Should().BeEquivalentTo(report);
        entry.IsOnline.Should().BeTrue();
        entry.LastSeen.Should().Be(Start, "a live message was seen when it arrived");
        store.All.Should().ContainSingle().Which.AgentId.Should().Be(_agent);
    }

    [Fact]
    public void Apply_Retained_LastSeenIsTheReportTimestampButNeverInTheFuture()
    {
        var store = Store();
        var other = Guid.NewGuid();

        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start.AddHours(-2))), retained: true).Should().BeTrue();
        store.Apply(Topic(other), Bytes(Report(other, AgentState.Online, Start.AddHours(2))), retained: true).Should().BeTrue();

        store.TryGet(_agent, out var old).Should().BeTrue();
        old!.LastSeen.Should().Be(Start.AddHours(-2));
        store.TryGet(other, out var skewed).Should().BeTrue();
        skewed!.LastSeen.Should().Be(Start);
    }

    [Fact]
    public void Apply_WillAfterBirth_OfflineEvenWithAnOlderTimestamp()
    {
        var store = Store();
        var changes = new List<AgentStatusChange>();
        store.Changed += (_, change) => changes.Add(change);
        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start)), retained: false);
        _clock.Advance(TimeSpan.FromSeconds(30));

        // The will carries the timestamp of the CONNECT that registered it.
        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Offline, Start.AddSeconds(-1))), retained: false).Should().BeTrue();

        store.TryGet(_agent, out var entry).Should().BeTrue();
        entry!.IsOnline.Should().BeFalse();
        entry.Report.Reason.Should().Be("connection lost");
        entry.LastSeen.Should().Be(Start.AddSeconds(30));
        changes.Should().HaveCount(2);
        changes[0].Previous.Should().BeNull();
        changes[0].OnlineChanged.Should().BeTrue();
        changes[1].Previous!.IsOnline.Should().BeTrue();
        changes[1].Current!.IsOnline.Should().BeFalse();
        changes[1].OnlineChanged.Should().BeTrue();
        _logger.Entries.Where(e => e.EventId == 8101).Should().HaveCount(2);
    }

    [Fact]
    public void Apply_PeriodicReport_ChangeWithoutOnlineChange()
    {
        var store = Store();
        AgentStatusChange? last = null;
        store.Changed += (_, change) => last = change;
        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start)), retained: false);

        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start.AddSeconds(10)) with { BufferDepth = 99 }), retained: false);

        last!.OnlineChanged.Should().BeFalse();
        last.Current!.Report.BufferDepth.Should().Be(99);
    }

    public static TheoryData<string, string> MalformedPayloads => new()
    {
        { "not json", "{" },
        { "not an object", "[1,2]" },
        { "JSON null", "null" },
        { "unknown member", """{"agentId":"{id}","state":"Online","timestamp":"2026-11-22T10:00:00+00:00","uptimeSeconds":1,"bufferDepth":0,"bufferBytes":0,"droppedPoints":0,"pointsPerSecond":0,"publishedPoints":0,"connections":[],"extra":1}""" },
        { "missing member", """{"agentId":"{id}","state":"Online","timestamp":"2026-11-22T10:00:00+00:00"}""" },
        { "negative counter", """{"agentId":"{id}","state":"Online","timestamp":"2026-11-22T10:00:00+00:00","uptimeSeconds":-1,"bufferDepth":0,"bufferBytes":0,"droppedPoints":0,"pointsPerSecond":0,"publishedPoints":0,"connections":[]}""" },
        { "unknown state", """{"agentId":"{id}","state":"Sleeping","timestamp":"2026-11-22T10:00:00+00:00","uptimeSeconds":1,"bufferDepth":0,"bufferBytes":0,"droppedPoints":0,"pointsPerSecond":0,"publishedPoints":0,"connections":[]}""" },
        { "invalid UTF-8", "\uFFFD" },
    };

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public void Apply_MalformedPayload_RefusedLoggedAndPreviousStatusKept(string kind, string payload)
    {
        var store = Store();
        var good = Report(_agent, AgentState.Online, Start);
        store.Apply(Topic(_agent), Bytes(good), retained: false);
        var bytes = kind == "invalid UTF-8" ? [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'] : Utf8(payload.Replace("{id}", _agent.ToString("D"), StringComparison.Ordinal));

        store.Apply(Topic(_agent), bytes, retained: false).Should().BeFalse(kind);

        store.TryGet(_agent, out var entry).Should().BeTrue();
        entry!.Report.Should().BeEquivalentTo(good);
        _logger.Entries.Should().ContainSingle(e => e.EventId == 8100).Which.Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public void Apply_PayloadOverTheLimit_RefusedBeforeParsing()
    {
        var store = Store();
        var huge = new byte[AgentStatusJson.MaxPayloadBytes + 1];
        huge.AsSpan().Fill((byte)' ');

        store.Apply(Topic(_agent), huge, retained: false).Should().BeFalse();

        store.All.Should().BeEmpty();
        _logger.Entries.Should().ContainSingle(e => e.EventId == 8100).Which.Message.Should().Contain("limit");
    }

    [Theory]
    [InlineData("proxus/agents/{id}/status/extra")]
    [InlineData("proxus/agents/{id}")]
    [InlineData("proxus/agents/{ID}/status")]
    [InlineData("proxus/agents/not-a-guid-at-all-but-36-characters-x/status")]
    [InlineData("proxus/agent/{id}/status")]
    [InlineData("Acme/SiteA/{id}/status")]
    [InlineData("proxus/agents/{N}/status")]
    public void Apply_NotAStatusTopic_Refused(string topic)
    {
        var store = Store();
        var concrete = topic.Replace("{id}", _agent.ToString("D"), StringComparison.Ordinal)
            .Replace("{ID}", _agent.ToString("D").ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{N}", _agent.ToString("N"), StringComparison.Ordinal);

        store.Apply(concrete, Bytes(Report(_agent, AgentState.Online, Start)), retained: false).Should().BeFalse();

        store.All.Should().BeEmpty();
        _logger.Entries.Should().ContainSingle(e => e.EventId == 8100);
    }

    [Fact]
    public void Apply_TopicWithControlCharacters_LoggedPrintable()
    {
        var store = Store();

        store.Apply("proxus/agents/\n\u001b[31m/status", Bytes(Report(_agent, AgentState.Online, Start)), retained: false).Should().BeFalse();

        _logger.Entries.Single(e => e.EventId == 8100).Message.Should().NotContain("\n").And.NotContain("\u001b");
    }

    [Fact]
    public void Apply_ReportNamingAnotherAgent_Refused()
    {
        var store = Store();
        var impostor = Guid.NewGuid();

        store.Apply(Topic(_agent), Bytes(Report(impostor, AgentState.Online, Start)), retained: false).Should().BeFalse();

        store.All.Should().BeEmpty();
        _logger.Entries.Should().ContainSingle(e => e.EventId == 8100).Which.Message.Should().Contain(impostor.ToString("D"));
    }

    [Fact]
    public void Apply_EmptyPayload_ForgetsTheAgent()
    {
        var store = Store();
        AgentStatusChange? last = null;
        store.Changed += (_, change) => last = change;
        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start)), retained: false);

        store.Apply(Topic(_agent), ReadOnlySpan<byte>.Empty, retained: false).Should().BeTrue();

        store.TryGet(_agent, out _).Should().BeFalse();
        last!.Current.Should().BeNull();
        last.Previous!.IsOnline.Should().BeTrue();
        last.OnlineChanged.Should().BeTrue();
    }

    [Fact]
    public void Apply_BeyondMaxAgents_NewAgentRefusedKnownAgentsStillUpdated()
    {
        var store = new AgentStatusStore(_clock, _logger, maxAgents: 2);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        store.Apply(Topic(first), Bytes(Report(first, AgentState.Online, Start)), retained: false).Should().BeTrue();
        store.Apply(Topic(second), Bytes(Report(second, AgentState.Online, Start)), retained: false).Should().BeTrue();

        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start)), retained: false).Should().BeFalse();
        store.Apply(Topic(first), Bytes(Report(first, AgentState.Offline, Start)), retained: false).Should().BeTrue();

        store.All.Select(e => e.AgentId).Should().BeEquivalentTo([first, second]);
        store.TryGet(first, out var updated).Should().BeTrue();
        updated!.IsOnline.Should().BeFalse();
    }

    [Fact]
    public async Task WatchAsync_Changes_YieldedInOrder()
    {
        var store = Store();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = store.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var first = watch.MoveNextAsync();

        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start)), retained: false);
        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Offline, Start)), retained: false);

        (await first).Should().BeTrue();
        watch.Current.Current!.IsOnline.Should().BeTrue();
        (await watch.MoveNextAsync()).Should().BeTrue();
        watch.Current.Current!.IsOnline.Should().BeFalse();
        watch.Current.Missed.Should().BeFalse();
    }

    [Fact]
    public async Task WatchAsync_ReaderFallsBehind_DropsAndFlagsTheNextChange()
    {
        var store = Store();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = store.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var started = watch.MoveNextAsync();
        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start)), retained: false);
        (await started).Should().BeTrue();

        // 1,024 fit; the next 10 are dropped; the one after is flagged.
        for (var i = 0; i < 1024 + 10; i++)
        {
            store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Online, Start) with { UptimeSeconds = i }), retained: false);
        }

        var read = new List<AgentStatusChange>();
        for (var i = 0; i < 1024; i++)
        {
            (await watch.MoveNextAsync()).Should().BeTrue();
            read.Add(watch.Current);
        }

        store.Apply(Topic(_agent), Bytes(Report(_agent, AgentState.Offline, Start)), retained: false);
        (await watch.MoveNextAsync()).Should().BeTrue();

        read.Should().OnlyContain(c => !c.Missed);
        read[^1].Current!.Report.UptimeSeconds.Should().Be(1023);
        watch.Current.Missed.Should().BeTrue();
        watch.Current.Current!.IsOnline.Should().BeFalse();
    }

    [Fact]
    public async Task WatchAsync_Canceled_EndsWithCancellation()
    {
        var store = Store();
        using var cts = new CancellationTokenSource();
        var enumerator = store.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var pending = enumerator.MoveNextAsync().AsTask();

        await cts.CancelAsync();

        await pending.Invoking(p => p.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
        await enumerator.DisposeAsync();
    }

    private AgentStatusStore Store() => new(_clock, _logger);
}
