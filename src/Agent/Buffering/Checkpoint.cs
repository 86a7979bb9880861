using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Proxus.Agent.Buffering;

/// <summary>
/// The acknowledged progress, in a small file replaced atomically (written to a temporary file,
/// flushed, renamed over the old one, directory flushed). Little-endian:
/// <c>magic "PXQC" (4) | version (2) | reserved (2) | acknowledged-through (8) | next sequence (8) |
/// range count (4) | ranges of acknowledged sequences beyond it, first and last (16 each) | CRC-32C of all before (4)</c>.
/// </summary>
/// <param name="AcknowledgedThrough">Every sequence up to this one is acknowledged (or gone).</param>
/// <param name="NextSequence">The sequence the queue would have assigned next when this was written.</param>
/// <param name="Acknowledged">Sequences beyond the watermark acknowledged out of order or known to be missing.</param>
internal sealed record Checkpoint(long AcknowledgedThrough, long NextSequence, IReadOnlyList<SequenceRange> Acknowledged)
{
    public const string FileName = "checkpoint";

    public const string TemporaryFileName = "checkpoint.tmp";

    /// <summary>More ranges than this are not persisted (their records are delivered again after a restart).</summary>
    public const int MaxRanges = 4096;

    private const uint Magic = 0x43515850; // "PXQC" read little-endian
    private const ushort FormatVersion = 1;
    private const int FixedLength = 28;
    private const int RangeLength = 16;
    private const int MaxFileLength = FixedLength + (MaxRanges * RangeLength) + sizeof(uint);

    /// <summary>Orders the snapshots of one running queue, so an older one never overwrites a newer one.</summary>
    public long Version { get; init; }

    /// <summary>Loads the checkpoint; null with the reason when it is missing or not to be trusted.</summary>
    public static Checkpoint? TryLoad(string directory, out string? problem)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            problem = null;
            return null;
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (stream.Length is < FixedLength + sizeof(uint) or > MaxFileLength)
            {
                problem = $"its length {stream.Length} is impossible";
                return null;
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        return Decode(bytes, out problem);
    }

    public static Checkpoint? Decode(ReadOnlySpan<byte> bytes, out string? problem)
    {
        if (bytes.Length < FixedLength + sizeof(uint))
        {
            problem = $"its length {bytes.Length} is impossible";
            return null;
        }

        var body = bytes[..^sizeof(uint)];
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[^sizeof(uint)..]) != Crc32C.Compute(body))
        {
            problem = "its checksum does not match";
            return null;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(body) != Magic || BinaryPrimitives.ReadUInt16LittleEndian(body[4..]) != FormatVersion)
        {
            problem = "it is not a version 1 checkpoint";
            return null;
        }

        var acknowledgedThrough = BinaryPrimitives.ReadInt64LittleEndian(body[8..]);
        var nextSequence = BinaryPrimitives.ReadInt64LittleEndian(body[16..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(body[24..]);
        if (acknowledgedThrough < 0 || nextSequence <= acknowledgedThrough)
        {
            problem = $"its watermark {acknowledgedThrough} is not below its next sequence {nextSequence}";
            return null;
        }

        if (count is < 0 or > MaxRanges || body.Length != FixedLength + (count * RangeLength))
        {
            problem = $"its range count {count} does not match its length";
            return null;
        }

        var ranges = new SequenceRange[count];
        var previousEnd = acknowledgedThrough;
        for (var i = 0; i < count; i++)
        {
            var entry = body.Slice(FixedLength + (i * RangeLength), RangeLength);
            var range = new SequenceRange(BinaryPrimitives.ReadInt64LittleEndian(entry), BinaryPrimitives.ReadInt64LittleEndian(entry[8..]));
            if (range.Start <= previousEnd + 1 || range.End < range.Start || range.End >= nextSequence)
            {
                problem = $"its range {range.Start}-{range.End} is out of order or beyond its next sequence";
                return null;
            }

            ranges[i] = range;
            previousEnd = range.End;
        }

        problem = null;
        return new Checkpoint(acknowledgedThrough, nextSequence, ranges);
    }

    public byte[] Encode()
    {
        var count = Math.Min(Acknowledged.Count, MaxRanges);
        var bytes = new byte[FixedLength + (count * RangeLength) + sizeof(uint)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], AcknowledgedThrough);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], NextSequence);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], count);
        for (var i = 0; i < count; i++)
        {
            var entry = span.Slice(FixedLength + (i * RangeLength), RangeLength);
            BinaryPrimitives.WriteInt64LittleEndian(entry, Acknowledged[i].Start);
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], Acknowledged[i].End);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[^sizeof(uint)..], Crc32C.Compute(span[..^sizeof(uint)]));
        return bytes;
    }

    /// <summary>Replaces the checkpoint file atomically; flushed to the disk (file, then directory) when <paramref name="flushToDisk"/> is given.</summary>
    public void Save(string directory, Action<SafeFileHandle>? flushToDisk)
    {
        var temporary = Path.Combine(directory, TemporaryFileName);
        using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, Encode(), 0);
            flushToDisk?.Invoke(handle);
        }

        File.Move(temporary, Path.Combine(directory, FileName), overwrite: true);
        if (flushToDisk is not null)
        {
            DirectorySync.Flush(directory);
        }
    }
}
