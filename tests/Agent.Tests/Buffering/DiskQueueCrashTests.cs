using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using Proxus.Agent.Buffering;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>
/// A child process enqueues and is killed with SIGKILL, several times over the same directory: every
/// record it was told is enqueued (and not acknowledged) must be there, in order, intact, and no
/// sequence may be used twice. A failure keeps the directory under artifacts/queue-crash/.
/// </summary>
public sealed class DiskQueueCrashTests : IDisposable
{
    private const int RecordBytes = 200;
    private const int RecordsPerRound = 300;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly QueueDirectory _directory = new();
    private readonly string _snapshot = Path.Combine(Path.GetTempPath(), "proxus-queue-snapshot-" + Guid.NewGuid().ToString("N"));
    private readonly List<CrashRound> _rounds = [];

    [Theory]
    [InlineData(FsyncPolicy.EveryRecord)]
    [InlineData(FsyncPolicy.Interval)]
    [InlineData(FsyncPolicy.Never)]
    public async Task Enqueue_ProcessKilledRepeatedly_EveryConfirmedRecordSurvivesInOrder(FsyncPolicy policy)
    {
        for (var round = 0; round < 3; round++)
        {
            await RunAndKillAsync(policy, acknowledge: false);
        }

        var confirmed = _rounds.SelectMany(r => r.Enqueued).ToList();
        confirmed.Select(c => c.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var snapshot = Snapshot();
        using var queue = OpenLikeTheWriter(policy);
        var records = QueueDirectory.Drain(queue);

        records.Select(r => r.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var numbers = records.ToDictionary(r => r.Sequence, Decode);
        ShouldAllBeThere(confirmed, numbers, snapshot);
        (records.Count - confirmed.Count).Should().BeLessThanOrEqualTo(3, "at most the record being enqueued at each kill is there unconfirmed");
        queue.Depth.Should().Be(records.Count);
        queue.CorruptRecords.Should().BeLessThanOrEqualTo(3, "at most the record being written at each kill is torn");
    }

    [Fact]
    public async Task Acknowledge_ProcessKilledWhileConsuming_NoUnacknowledgedRecordIsLost()
    {
        for (var round = 0; round < 3; round++)
        {
            await RunAndKillAsync(FsyncPolicy.Interval, acknowledge: true);
        }

        // A record counts as acknowledged from the moment the writer announces that it acknowledges it:
        // the kill may come after Acknowledge and before the confirmation, with the checkpoint that
        // holds the acknowledgement already written. Every record never announced must survive.
        var acknowledging = _rounds.SelectMany(r => r.Acknowledging).Select(a => a.Sequence).ToHashSet();
        _rounds.SelectMany(r => r.Acknowledged).Should().NotBeEmpty();
        var snapshot = Snapshot();
        using var queue = OpenLikeTheWriter(FsyncPolicy.Interval);
        var numbers = QueueDirectory.Drain(queue).ToDictionary(r => r.Sequence, Decode);

        ShouldAllBeThere([.. _rounds.SelectMany(r => r.Enqueued).Where(e => !acknowledging.Contains(e.Sequence))], numbers, snapshot);
        numbers.Keys.Should().BeInAscendingOrder();
        queue.CorruptRecords.Should().BeLessThanOrEqualTo(3);
    }

    [Fact]
    public async Task Acknowledge_ProcessKilledAfterTheCheckpointBeforeTheConfirmation_OnlyThatRecordIsGone()
    {
        await RunAndKillAsync(FsyncPolicy.Interval, acknowledge: true, mode: "acknowledge-first", waitFor: "checkpointed ");

        var round = _rounds.Single();
        var checkpointed = Confirmed(round.Output, "checkpointed").Should().ContainSingle().Subject;
        round.Acknowledged.Should().BeEmpty("the writer was killed before it confirmed the acknowledgement");
        round.Acknowledging.Should().Equal(checkpointed);
        var snapshot = Snapshot();
        using var queue = OpenLikeTheWriter(FsyncPolicy.Interval);
        var numbers = QueueDirectory.Drain(queue).ToDictionary(r => r.Sequence, Decode);

        numbers.Should().NotContainKey(checkpointed.Sequence, "its acknowledgement was checkpointed before the kill");
        ShouldAllBeThere([.. round.Enqueued.Where(e => e != checkpointed)], numbers, snapshot);
        queue.CorruptRecords.Should().BeLessThanOrEqualTo(1);
    }

    public void Dispose()
    {
        _directory.Dispose();
        if (Directory.Exists(_snapshot))
        {
            Directory.Delete(_snapshot, recursive: true);
        }
    }

    private DiskQueue OpenLikeTheWriter(FsyncPolicy policy) =>
        _directory.Open(new DiskQueueOptions { Directory = _directory.Path, SegmentBytes = 16 * 1024, MaxRecordBytes = 4096, Fsync = policy });

    /// <summary>Copies the directory as the writer left it: opening the queue recovers it, which changes it.</summary>
    private string Snapshot()
    {
        Directory.CreateDirectory(_snapshot);
        foreach (var file in Directory.EnumerateFiles(_directory.Path))
        {
            File.Copy(file, Path.Combine(_snapshot, Path.GetFileName(file)));
        }

        return _snapshot;
    }

    /// <summary>
    /// Every record in <paramref name="required"/> was handed out with its own number. If some are missing,
    /// the directory as the writer left it is kept under artifacts/queue-crash/ with each round's output,
    /// and the failure says where the missing sequences are on disk and in the checkpoint.
    /// </summary>
    private void ShouldAllBeThere(List<(long Sequence, long Number)> required, Dictionary<long, long> numbers, string snapshot, [CallerMemberName] string test = "")
    {
        var missing = required.Where(r => !numbers.ContainsKey(r.Sequence)).ToList();
        if (missing.Count > 0)
        {
            var outputs = _rounds.Select((r, i) => (Name: $"round-{i + 1}.out", r.Output)).ToDictionary(o => o.Name, o => o.Output);
            var kept = QueueDirectoryReport.Keep(snapshot, test, outputs);
            var roundEnds = string.Join(", ", _rounds.Select(r => r.Enqueued.Count == 0 ? "none" : r.Enqueued[^1].Sequence.ToString(CultureInfo.InvariantCulture)));
            var examples = string.Join(", ", missing.Take(20).Select(m => $"{m.Sequence} (number {m.Number})"));
            Assert.Fail($"""
                {missing.Count} records that must survive are missing: {examples}.
                The rounds' last confirmed sequences: {roundEnds}. The directory as the writer left it, with each round's output: {kept}
                {QueueDirectoryReport.Describe(snapshot, [.. missing.Take(20).Select(m => m.Sequence)])}
                """);
        }

        foreach (var (sequence, number) in required)
        {
            numbers[sequence].Should().Be(number, "sequence {0} was confirmed with record number {1}", sequence, number);
        }
    }

    /// <summary>Runs the writer until it printed <paramref name="waitFor"/> and confirmed a round's worth of records, kills it, and keeps what it printed.</summary>
    private async Task RunAndKillAsync(FsyncPolicy policy, bool acknowledge, string mode = "acknowledge-even", string waitFor = "ready")
    {
        var firstNumber = _rounds.Select(r => r.Enqueued).LastOrDefault(e => e.Count > 0) is { } last ? last[^1].Number + 1 : 1;
        string[] arguments = [WriterPath(), _directory.Path, policy.ToString(), firstNumber.ToString(CultureInfo.InvariantCulture), RecordBytes.ToString(CultureInfo.InvariantCulture), .. acknowledge ? [mode] : Array.Empty<string>()];
        var writer = ExternalProcess.Start("dotnet", arguments);
        await using (writer)
        {
            await writer.WaitForOutputAsync("ready", Timeout);
            await writer.WaitForOutputAsync(waitFor, Timeout);
            var deadline = DateTime.UtcNow + Timeout;
            while (Confirmed(writer.StandardOutput, "enqueued").Count < RecordsPerRound)
            {
                writer.HasExited.Should().BeFalse(writer.StandardError);
                DateTime.UtcNow.Should().BeBefore(deadline, "the writer should confirm {0} records", RecordsPerRound);
                await Task.Delay(20);
            }

            writer.Kill();
            await writer.WaitForExitAsync(Timeout);
            var output = writer.StandardOutput;
            _rounds.Add(new CrashRound(output, Confirmed(output, "enqueued"), Confirmed(output, "acknowledging"), Confirmed(output, "acknowledged")));
        }
    }

    private static List<(long Sequence, long Number)> Confirmed(string output, string verb) =>
        [.. output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith(verb + " ", StringComparison.Ordinal) && line.EndsWith(" ok", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .Select(parts => (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)))];

    /// <summary>The number a record carries, after checking every one of its bytes.</summary>
    private static long Decode(QueuedRecord record)
    {
        var bytes = record.Payload.Span;
        bytes.Length.Should().Be(RecordBytes);
        var number = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        for (var i = sizeof(long); i < bytes.Length; i++)
        {
            bytes[i].Should().Be((byte)(number + i));
        }

        return number;
    }

    private static string WriterPath()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Agent.CrashWriter", "bin", output.Parent!.Name, output.Name, "Proxus.Agent.CrashWriter.dll");
        File.Exists(path).Should().BeTrue("the crash writer is built with the tests ({0})", path);
        return path;
    }

    /// <summary>What the writer printed in one round, and the (sequence, number) pairs of each kind of line.</summary>
    private sealed record CrashRound(
        string Output,
        List<(long Sequence, long Number)> Enqueued,
        List<(long Sequence, long Number)> Acknowledging,
        List<(long Sequence, long Number)> Acknowledged);
}
