using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Proxus.Agent.Buffering;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>
/// What a queue directory holds, read without opening the queue (recovery would change it): every file
/// with its length, each segment's frames, the checkpoint, and where given sequences are (in a frame,
/// in a checkpoint range, or nowhere). Used by the crash tests to explain a failure, after keeping a
/// copy of the directory under <c>artifacts/queue-crash/</c>.
/// </summary>
internal static class QueueDirectoryReport
{
    private static ReadOnlySpan<byte> FrameMarker => "PXQR"u8;

    /// <summary>Copies <paramref name="directory"/> (and the extra files) to <c>artifacts/queue-crash/NAME-TIME</c>; returns the copy's path.</summary>
    public static string Keep(string directory, string name, IReadOnlyDictionary<string, string> extraFiles)
    {
        var kept = Path.Combine(RepositoryPaths.Root, "artifacts", "queue-crash", $"{name}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss.fff}");
        Directory.CreateDirectory(kept);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            File.Copy(file, Path.Combine(kept, Path.GetFileName(file)));
        }

        foreach (var (fileName, text) in extraFiles)
        {
            File.WriteAllText(Path.Combine(kept, fileName), text);
        }

        return kept;
    }

    /// <summary>
    /// A readable account of the directory: every file that is not an ordinary segment, a summary of the
    /// segments with a line for each unusual one (a gap before it, bytes after its last whole frame, the
    /// newest), the checkpoint, and where each of <paramref name="sequences"/> is.
    /// </summary>
    public static string Describe(string directory, IReadOnlyCollection<long> sequences)
    {
        var text = new StringBuilder();
        var frames = new List<(string File, long Offset, long Sequence)>();
        var segments = 0;
        long bytesInSegments = 0, previousLast = 0;
        var paths = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToList();
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            var bytes = File.ReadAllBytes(path);
            if (!name.EndsWith(".seg", StringComparison.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {bytes.Length} bytes");
                continue;
            }

            var found = FramesOf(bytes);
            frames.AddRange(found.Select(f => (name, f.Offset, f.Sequence)));
            segments++;
            bytesInSegments += bytes.Length;
            var end = found.Count == 0 ? SegmentFiles.HeaderLength : found[^1].Offset + found[^1].Length;
            var first = SegmentFiles.FirstSequence(path);
            var unusual = new List<string>();
            if (previousLast != 0 && first != previousLast + 1)
            {
                unusual.Add($"the previous segment ended at {previousLast}");
            }

            if (found.Count > 0 && (found[0].Sequence != first || found[^1].Sequence - found[0].Sequence + 1 != found.Count))
            {
                unusual.Add("its frames are not consecutive from its name");
            }

            if (end != bytes.Length)
            {
                unusual.Add($"{bytes.Length - end} bytes after its last whole frame");
            }

            if (unusual.Count > 0 || path == paths.Last(p => p.EndsWith(".seg", StringComparison.Ordinal)))
            {
                var range = found.Count == 0 ? "no frames" : $"{found.Count} frames {found[0].Sequence}..{found[^1].Sequence}";
                text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {bytes.Length} bytes, {range}{string.Concat(unusual.Select(u => "; " + u))}");
            }

            previousLast = found.Count > 0 ? found[^1].Sequence : first - 1;
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{segments} segment files, {bytesInSegments} bytes, {frames.Count} frames");
        var checkpoint = Checkpoint.TryLoad(directory, out var problem);
        text.AppendLine(checkpoint is null
            ? $"checkpoint contents: {problem ?? "no checkpoint"}"
            : $"checkpoint contents: watermark {checkpoint.AcknowledgedThrough}, next sequence {checkpoint.NextSequence}, {checkpoint.Acknowledged.Count} ranges"
                + (checkpoint.Acknowledged.Count > 0 ? $" ({checkpoint.Acknowledged[0].Start}..{checkpoint.Acknowledged[^1].End})" : string.Empty));
        foreach (var sequence in sequences)
        {
            var frame = frames.FirstOrDefault(f => f.Sequence == sequence);
            var where = frame.File is null ? "in no segment" : $"in {frame.File} at offset {frame.Offset}";
            var range = checkpoint?.Acknowledged.FirstOrDefault(r => r.Start <= sequence && sequence <= r.End);
            var state = checkpoint is null ? "no checkpoint"
                : sequence <= checkpoint.AcknowledgedThrough ? "at or below the checkpoint's watermark"
                : range is { } covering ? $"in the checkpoint's range {covering.Start}-{covering.End}"
                : "not in the checkpoint";
            text.AppendLine(CultureInfo.InvariantCulture, $"sequence {sequence}: {where}, {state}");
        }

        return text.ToString();
    }

    /// <summary>The frames whose header names a plausible length, found by walking and, after damage, by searching for the marker.</summary>
    private static List<(long Offset, long Sequence, int Length)> FramesOf(byte[] bytes)
    {
        var frames = new List<(long, long, int)>();
        var offset = SegmentFiles.HeaderLength;
        while (offset + SegmentFiles.FrameHeaderLength <= bytes.Length)
        {
            var header = bytes.AsSpan(offset, SegmentFiles.FrameHeaderLength);
            var length = SegmentFiles.FrameHeaderLength + (long)BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (header.StartsWith(FrameMarker) && offset + length <= bytes.Length)
            {
                frames.Add((offset, BinaryPrimitives.ReadInt64LittleEndian(header[8..]), (int)length));
                offset += (int)length;
                continue;
            }

            var next = bytes.AsSpan(offset + 1).IndexOf(FrameMarker);
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
        }

        return frames;
    }
}
