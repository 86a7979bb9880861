using System.Diagnostics;
using Proxus.Agent.Buffering;

namespace Proxus.Bench.AgentBuffer;

/// <summary>The measured runs; each returns the elapsed time of its timed part.</summary>
internal static class Scenarios
{
    public static TimeSpan PlainAppend(string directory, byte[] payload, int records)
    {
        using var handle = File.OpenHandle(Path.Combine(directory, "plain.log"), FileMode.CreateNew, FileAccess.Write);
        var watch = Stopwatch.StartNew();
        var lastFlush = watch.Elapsed;
        long offset = 0;
        for (var i = 0; i < records; i++)
        {
            RandomAccess.Write(handle, payload, offset);
            offset += payload.Length;
            if (watch.Elapsed - lastFlush >= TimeSpan.FromSeconds(1))
            {
                RandomAccess.FlushToDisk(handle);
                lastFlush = watch.Elapsed;
            }
        }

        RandomAccess.FlushToDisk(handle);
        return watch.Elapsed;
    }

    public static TimeSpan Enqueue(string directory, FsyncPolicy policy, byte[] payload, int records, int producers)
    {
        using var queue = DiskQueue.Open(Options(directory, policy));
        var watch = Stopwatch.StartNew();
        Parallel.For(0, producers, new ParallelOptions { MaxDegreeOfParallelism = producers }, producer =>
        {
            var share = (records / producers) + (producer < records % producers ? 1 : 0);
            for (var i = 0; i < share; i++)
            {
                queue.Enqueue(payload);
            }
        });
        queue.Flush();
        return watch.Elapsed;
    }

    public static TimeSpan Open(string directory)
    {
        var watch = Stopwatch.StartNew();
        using var queue = DiskQueue.Open(Options(directory, FsyncPolicy.Interval));
        return watch.Elapsed;
    }

    public static TimeSpan Drain(string directory, int records)
    {
        using var queue = DiskQueue.Open(Options(directory, FsyncPolicy.Interval));
        var watch = Stopwatch.StartNew();
        var drained = 0;
        while (queue.TryReadNext(out var record))
        {
            queue.Acknowledge(record.Sequence);
            drained++;
        }

        queue.Flush();
        var elapsed = watch.Elapsed;
        return drained == records ? elapsed : throw new InvalidOperationException($"Drained {drained} of {records} records.");
    }

    private static DiskQueueOptions Options(string directory, FsyncPolicy policy) => new()
    {
        Directory = directory,
        Fsync = policy,
        MaxBytes = 4L << 30,
    };
}
