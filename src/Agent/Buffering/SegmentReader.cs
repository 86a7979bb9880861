using Microsoft.Win32.SafeHandles;

namespace Proxus.Agent.Buffering;

/// <summary>
/// Reads the frames of one segment file in order through a read-ahead buffer. A frame that does not
/// check out is skipped by searching forward for the next intact header (marker, header CRC, a
/// sequence after the last one read and before the next segment, a payload inside the file), so one
/// damaged record costs that record, never the rest of the segment. Recovery and the delivering
/// reader share this one algorithm, so they agree on what a segment holds.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private const int ChunkLength = 64 * 1024;

    private readonly SafeFileHandle _handle;
    private byte[] _buffer = new byte[ChunkLength];
    private long _bufferOffset;
    private int _bufferCount;
    private long _readableLength;

    public SegmentReader(SafeFileHandle handle, long firstSequence)
    {
        _handle = handle;
        Position = SegmentHeader.Length;
        LastSequence = firstSequence - 1;
    }

    /// <summary>The file offset of the next frame to read.</summary>
    public long Position { get; private set; }

    /// <summary>The sequence of the last frame read (valid or corrupt); the first sequence minus one before any.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Bytes passed over while searching for the next intact header.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>
    /// Reads the next frame among the first <paramref name="readableLength"/> bytes of the file whose
    /// sequence lies before <paramref name="sequenceLimit"/>. The payload is valid until the next call.
    /// </summary>
    public FrameStatus Read(long readableLength, long sequenceLimit, out long sequence, out ReadOnlySpan<byte> payload)
    {
        sequence = 0;
        payload = default;
        _readableLength = readableLength;
        if (Position >= readableLength)
        {
            return FrameStatus.End;
        }

        if (!TryReadFrameHeader(Position, readableLength, sequenceLimit, out var frameSequence, out var payloadLength, out var payloadCrc)
            && !TryResynchronize(readableLength, sequenceLimit, out frameSequence, out payloadLength, out payloadCrc))
        {
            return FrameStatus.Incomplete;
        }

        var frame = Window(Position, RecordFrame.HeaderLength + payloadLength);
        if (frame.Length < RecordFrame.HeaderLength + payloadLength)
        {
            // The file shrank under us: nothing valid remains.
            return FrameStatus.Incomplete;
        }

        payload = frame[RecordFrame.HeaderLength..];
        sequence = frameSequence;
        Position += frame.Length;
        LastSequence = frameSequence;
        return Crc32C.Compute(payload) == payloadCrc ? FrameStatus.Record : FrameStatus.CorruptRecord;
    }

    public void Dispose() => _handle.Dispose();

    private bool TryResynchronize(long readableLength, long sequenceLimit, out long sequence, out int payloadLength, out uint payloadCrc)
    {
        var start = Position + 1;
        while (start + RecordFrame.HeaderLength <= readableLength)
        {
            var window = Window(start, (int)Math.Min(ChunkLength, readableLength - start));
            if (window.Length < RecordFrame.MarkerBytes.Length)
            {
                break;
            }

            var index = window.IndexOf(RecordFrame.MarkerBytes);
            if (index < 0)
            {
                start += window.Length - (RecordFrame.MarkerBytes.Length - 1);
                continue;
            }

            var candidate = start + index;
            if (TryReadFrameHeader(candidate, readableLength, sequenceLimit, out sequence, out payloadLength, out payloadCrc))
            {
                SkippedBytes += candidate - Position;
                Position = candidate;
                return true;
            }

            start = candidate + 1;
        }

        sequence = 0;
        payloadLength = 0;
        payloadCrc = 0;
        return false;
    }

    private bool TryReadFrameHeader(long offset, long readableLength, long sequenceLimit, out long sequence, out int payloadLength, out uint payloadCrc)
    {
        if (readableLength - offset < RecordFrame.HeaderLength)
        {
            sequence = 0;
            payloadLength = 0;
            payloadCrc = 0;
            return false;
        }

        // The length is trusted only after the header CRC, and only if the payload lies inside the
        // file: a hostile length never reaches an allocation.
        return RecordFrame.TryReadHeader(Window(offset, RecordFrame.HeaderLength), out sequence, out payloadLength, out payloadCrc)
            && sequence > LastSequence
            && sequence < sequenceLimit
            && payloadLength <= readableLength - offset - RecordFrame.HeaderLength;
    }

    /// <summary>
    /// The file's bytes from <paramref name="offset"/>: <paramref name="count"/> of them unless the file
    /// ends first. Reads ahead, but never past the readable length: bytes beyond it may be a failed
    /// write that the next append redoes.
    /// </summary>
    private ReadOnlySpan<byte> Window(long offset, int count)
    {
        if (offset >= _bufferOffset && offset + count <= _bufferOffset + _bufferCount)
        {
            return _buffer.AsSpan((int)(offset - _bufferOffset), count);
        }

        if (count > _buffer.Length)
        {
            _buffer = new byte[count];
        }

        _bufferOffset = offset;
        _bufferCount = 0;
        var available = (int)Math.Min(_buffer.Length, Math.Max(count, _readableLength - offset));
        while (_bufferCount < count)
        {
            var read = RandomAccess.Read(_handle, _buffer.AsSpan(_bufferCount, available - _bufferCount), offset + _bufferCount);
            if (read == 0)
            {
                break;
            }

            _bufferCount += read;
        }

        return _buffer.AsSpan(0, Math.Min(count, _bufferCount));
    }
}
