using System.Buffers.Binary;
using System.Globalization;
using Proxus.Agent.Buffering;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>
/// A child process enqueues under <see cref="FsyncPolicy.EveryRecord"/> and is killed with SIGKILL,
/// several times over the same directory: every record it was told is enqueued must be there, in
/// order, intact, and no sequence may be used twice.
/// </summary>
public sealed class DiskQueueCrashTests : IDisposable
{
    private const int RecordBytes = 200;
    private const int RecordsPerRound = 300;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly QueueDirectory _directory = new();

    [Fact]
    public async Task Enqueue_ProcessKilledRepeatedly_EveryAcknowledgedRecordSurvivesInOrder()
    {
        var confirmed = new List<(long Sequence, long Number)>();
        for (var round = 0; round < 3; round++)
        {
            var first = confirmed.Count == 0 ? 1 : confirmed[^1].Number + 1;
            confirmed.AddRange(await RunAndKillAsync(first));
        }

        confirmed.Select(c => c.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        using var queue = _directory.Open(new DiskQueueOptions { Directory = _directory.Path, SegmentBytes = 64 * 1024, MaxRecordBytes = 4096, Fsync = FsyncPolicy.EveryRecord });
        var records = QueueDirectory.Drain(queue);

        records.Select(r => r.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var numbers = records.ToDictionary(r => r.Sequence, Decode);
        foreach (var (sequence, number) in confirmed)
        {
            numbers.Should().ContainKey(sequence).WhoseValue.Should().Be(number);
        }

        (records.Count - confirmed.Count).Should().BeLessThanOrEqualTo(3, "at most the record being enqueued at each kill is there unconfirmed");
        queue.Depth.Should().Be(records.Count);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Runs the writer until it confirmed a round's worth of records, kills it, and returns what it confirmed.</summary>
    private async Task<List<(long Sequence, long Number)>> RunAndKillAsync(long firstNumber)
    {
        var writer = ExternalProcess.Start("dotnet", [WriterPath(), _directory.Path, nameof(FsyncPolicy.EveryRecord), firstNumber.ToString(CultureInfo.InvariantCulture), RecordBytes.ToString(CultureInfo.InvariantCulture)]);
        await using (writer)
        {
            await writer.WaitForOutputAsync("ready", Timeout);
            var deadline = DateTime.UtcNow + Timeout;
            while (Confirmed(writer.StandardOutput).Count < RecordsPerRound)
            {
                writer.HasExited.Should().BeFalse(writer.StandardError);
                DateTime.UtcNow.Should().BeBefore(deadline, "the writer should confirm {0} records", RecordsPerRound);
                await Task.Delay(20);
            }

            writer.Kill();
            await writer.WaitForExitAsync(Timeout);
            return Confirmed(writer.StandardOutput);
        }
    }

    private static List<(long Sequence, long Number)> Confirmed(string output) =>
        [.. output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.EndsWith(" ok", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .Select(parts => (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture)))];

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
}
