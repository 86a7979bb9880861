using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Proxus.Agent.Buffering;

/// <summary>
/// One segment file: a header, then frames appended in sequence order. Only the newest segment of a
/// running queue is open for appending; every write goes to the operating system at once (a killed
/// process loses nothing), at an explicit offset, so a failed write is simply redone in place.
/// </summary>
internal sealed class Segment
{
    private const string Extension = ".seg";

    private SafeFileHandle? _writeHandle;

    private Segment(string path, long firstSequence, long length, SafeFileHandle? writeHandle)
    {
        Path = path;
        FirstSequence = firstSequence;
        Length = length;
        _writeHandle = writeHandle;
    }

    public string Path { get; }

    public long FirstSequence { get; }

    /// <summary>The bytes of the file that belong to the queue (after any torn tail was cut off).</summary>
    public long Length { get; private set; }

    public SafeFileHandle? WriteHandle => _writeHandle;

    public static string FileNameFor(long firstSequence) => firstSequence.ToString("D19", CultureInfo.InvariantCulture) + Extension;

    public static bool TryParseFileName(string fileName, out long firstSequence)
    {
        firstSequence = 0;
        return fileName.Length == 19 + Extension.Length
            && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence)
            && firstSequence > 0;
    }

    /// <summary>Creates the file with its header, open for appending; flushed with its directory entry when <paramref name="flushToDisk"/> is given.</summary>
    public static Segment Create(string directory, long firstSequence, Action<SafeFileHandle>? flushToDisk)
    {
        var path = System.IO.Path.Combine(directory, FileNameFor(firstSequence));
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        try
        {
            Span<byte> header = stackalloc byte[SegmentHeader.Length];
            SegmentHeader.Write(header, firstSequence);
            RandomAccess.Write(handle, header, 0);
            if (flushToDisk is not null)
            {
                flushToDisk(handle);
                DirectorySync.Flush(directory);
            }
        }
        catch
        {
            handle.Dispose();
            File.Delete(path);
            throw;
        }

        return new Segment(path, firstSequence, SegmentHeader.Length, handle);
    }

    /// <summary>A segment found on disk at start-up, read-only from now on.</summary>
    public static Segment Recovered(string path, long firstSequence, long length) => new(path, firstSequence, length, writeHandle: null);

    public SafeFileHandle OpenForReading() => File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>
    /// Appends frames (one or more, back to back) with one write. The length grows only once the write
    /// succeeded; a partial write is overwritten by the next attempt.
    /// </summary>
    public void Append(ReadOnlySpan<byte> frames)
    {
        var handle = _writeHandle ?? throw new InvalidOperationException("The segment is not open for appending.");
        RandomAccess.Write(handle, frames, Length);
        Length += frames.Length;
    }

    /// <summary>Ends appending; the caller flushes (or not) and disposes the returned handle.</summary>
    public SafeFileHandle? DetachWriteHandle()
    {
        var handle = _writeHandle;
        _writeHandle = null;
        return handle;
    }
}
