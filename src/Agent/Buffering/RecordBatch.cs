namespace Proxus.Agent.Buffering;

/// <summary>
/// Records laid out back to back as the frames of a segment file (<see cref="RecordFrame"/>), so
/// <see cref="DiskQueue.Enqueue(RecordBatch)"/> appends them with one write instead of one per record.
/// Each record keeps its own header and checksums: on disk a batch is indistinguishable from records
/// appended one by one, and a torn batch is a readable prefix followed by a torn record. The queue
/// fills in the headers when it assigns the sequences. Reusable (<see cref="Clear"/>); not thread-safe.
/// </summary>
public sealed class RecordBatch
{
    private byte[] _buffer;
    private int[] _offsets = new int[16];
    private int _count;

    /// <summary>A batch whose buffer starts with <paramref name="initialBytes"/> bytes (it grows as needed).</summary>
    public RecordBatch(int initialBytes = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBytes, RecordFrame.HeaderLength);
        _buffer = new byte[initialBytes];
    }

    /// <summary>Records in the batch.</summary>
    public int Count => _count;

    /// <summary>Bytes the records take on disk, headers included.</summary>
    public int FrameBytes => _offsets[_count];

    /// <summary>The payload of record <paramref name="index"/>; valid until the batch is changed.</summary>
    public ReadOnlyMemory<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            var start = _offsets[index] + RecordFrame.HeaderLength;
            return _buffer.AsMemory(start, _offsets[index + 1] - start);
        }
    }

    /// <summary>Adds a record of <paramref name="payloadLength"/> bytes and returns its payload for the caller to fill.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative or above the frame format's cap.</exception>
    public Span<byte> Add(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, RecordFrame.MaxPayloadLength);
        var start = _offsets[_count];
        var end = (long)start + RecordFrame.HeaderLength + payloadLength;
        if (end > Array.MaxLength)
        {
            throw new InvalidOperationException($"A batch holds at most {Array.MaxLength} bytes.");
        }

        EnsureCapacity((int)end);
        if (_count + 1 == _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        _count++;
        _offsets[_count] = (int)end;
        return _buffer.AsSpan(start + RecordFrame.HeaderLength, payloadLength);
    }

    /// <summary>Adds a copy of <paramref name="payload"/>.</summary>
    public void Add(ReadOnlySpan<byte> payload) => payload.CopyTo(Add(payload.Length));

    /// <summary>Empties the batch, keeping its buffer.</summary>
    public void Clear() => _count = 0;

    /// <summary>The payload length of record <paramref name="index"/>.</summary>
    internal int PayloadLength(int index) => _offsets[index + 1] - _offsets[index] - RecordFrame.HeaderLength;

    /// <summary>The on-disk length of record <paramref name="index"/>.</summary>
    internal int FrameLength(int index) => _offsets[index + 1] - _offsets[index];

    /// <summary>Writes the headers of records <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1 with the sequences from <paramref name="firstSequence"/>.</summary>
    internal void WriteHeaders(int first, int count, long firstSequence)
    {
        for (var i = 0; i < count; i++)
        {
            var index = first + i;
            var start = _offsets[index];
            var frame = _buffer.AsSpan(start, _offsets[index + 1] - start);
            RecordFrame.WriteHeader(frame, firstSequence + i, frame[RecordFrame.HeaderLength..]);
        }
    }

    /// <summary>The frames of records <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1, contiguous.</summary>
    internal ReadOnlySpan<byte> Frames(int first, int count) => _buffer.AsSpan(_offsets[first], _offsets[first + count] - _offsets[first]);

    private void EnsureCapacity(int length)
    {
        if (length <= _buffer.Length)
        {
            return;
        }

        var grown = (int)Math.Min(Array.MaxLength, Math.Max(length, 2L * _buffer.Length));
        Array.Resize(ref _buffer, grown);
    }
}
