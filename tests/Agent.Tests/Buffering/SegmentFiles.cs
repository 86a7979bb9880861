using System.Buffers.Binary;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>Walks the frames of an intact segment file, to aim damage at a given record.</summary>
internal static class SegmentFiles
{
    public const int HeaderLength = 20;
    public const int FrameHeaderLength = 24;

    /// <summary>The offset and total length of every frame in the file.</summary>
    public static List<(long Offset, int Length)> Frames(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var frames = new List<(long, int)>();
        var offset = HeaderLength;
        while (offset + FrameHeaderLength <= bytes.Length)
        {
            var length = FrameHeaderLength + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            frames.Add((offset, length));
            offset += length;
        }

        return frames;
    }

    public static long FirstSequence(string path) => long.Parse(Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture);
}
