using System.Text;
using Microsoft.Win32.SafeHandles;
using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>A fresh queue directory deleted on dispose, with helpers to open, fill, drain and damage the queue.</summary>
internal sealed class QueueDirectory : IDisposable
{
    public QueueDirectory()
    {
        Path = Directory.CreateTempSubdirectory("proxus-queue-").FullName;
    }

    public string Path { get; }

    /// <summary>Small segments so tests cross segment boundaries; flushing rarely so tests decide when.</summary>
    public DiskQueueOptions Options(int segmentBytes = 4096, long maxBytes = 1 << 20, FsyncPolicy fsync = FsyncPolicy.Interval, int maxRecordBytes = 1024) => new()
    {
        Directory = Path,
        SegmentBytes = segmentBytes,
        MaxBytes = maxBytes,
        MaxRecordBytes = maxRecordBytes,
        Fsync = fsync,
        FsyncInterval = TimeSpan.FromMinutes(10),
    };

    public DiskQueue Open(DiskQueueOptions? options = null) => DiskQueue.Open(options ?? Options());

    public DiskQueue Open(DiskQueueOptions options, Action<SafeFileHandle> flushToDisk) => DiskQueue.Open(options, logger: null, flushToDisk);

    public string[] SegmentFiles() => [.. Directory.GetFiles(Path, "*.seg").Order(StringComparer.Ordinal)];

    public string CheckpointFile => System.IO.Path.Combine(Path, "checkpoint");

    /// <summary>The payload of record number <paramref name="n"/>: its number in text, padded to a length that varies.</summary>
    public static byte[] Payload(long n) => Encoding.ASCII.GetBytes($"record-{n}-".PadRight(40 + (int)(n % 23), (char)('a' + (n % 26))));

    /// <summary>Enqueues records <paramref name="first"/> to <paramref name="last"/> and returns their sequences.</summary>
    public static long[] Fill(DiskQueue queue, long first, long last)
    {
        var sequences = new long[last - first + 1];
        for (var n = first; n <= last; n++)
        {
            sequences[n - first] = queue.Enqueue(Payload(n));
        }

        return sequences;
    }

    /// <summary>Hands out everything readable now.</summary>
    public static List<QueuedRecord> Drain(DiskQueue queue)
    {
        var records = new List<QueuedRecord>();
        while (queue.TryReadNext(out var record))
        {
            records.Add(record);
        }

        return records;
    }

    public static string Text(QueuedRecord record) => Encoding.ASCII.GetString(record.Payload.Span);

    /// <summary>Overwrites bytes of a file at an offset (negative: from the end).</summary>
    public static void Overwrite(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset >= 0 ? offset : stream.Length + offset;
        stream.Write(bytes);
    }

    public static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(length);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test failed while the queue was still open; the OS cleans temporary files.
        }
    }
}
