using System.Buffers;

namespace Proxus.Drivers.S7.Protocol;

/// <summary>
/// Reads TPKT frames from a stream into one buffer that never grows past <see cref="MaxFrameLength"/>
/// and reassembles COTP DT TPDUs into S7 PDUs. A returned block of memory stays valid until the
/// next read. Not thread-safe: one reader per connection.
/// </summary>
public sealed class TpktReader
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private byte[]? _assembly;
    private int _start;
    private int _end;
    private int _maxFrameLength;

    public TpktReader(Stream stream, int maxFrameLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _buffer = [];
        MaxFrameLength = maxFrameLength;
    }

    /// <summary>The largest TPKT accepted (header included); a larger length field fails before any buffering.</summary>
    public int MaxFrameLength
    {
        get => _maxFrameLength;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TpktFrame.MinimumLength);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, ushort.MaxValue);
            _maxFrameLength = value;
            if (_buffer.Length < value)
            {
                var grown = new byte[value];
                _buffer.AsSpan(_start, _end - _start).CopyTo(grown);
                _end -= _start;
                _start = 0;
                _buffer = grown;
            }
        }
    }

    /// <summary>Reads the next TPDU (the TPKT payload).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadTpduAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeFrame(out var tpdu))
            {
                return tpdu;
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new S7Exception(
                    S7ErrorReason.ConnectionClosed,
                    _end > _start ? $"The peer closed the connection in the middle of a frame ({_end - _start} bytes received)." : "The peer closed the connection.");
            }

            _end += read;
        }
    }

    /// <summary>Reads COTP DT TPDUs until one carries EOT and returns the S7 PDU they form.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadS7PduAsync(CancellationToken cancellationToken)
    {
        var first = await ReadTpduAsync(cancellationToken).ConfigureAwait(false);
        var length = DataLength(first.Span, out var endOfTsdu);
        if (endOfTsdu)
        {
            return first[CotpCodec.DataHeaderLength..];
        }

        var limit = MaxFrameLength - S7PduCodec.FrameOverhead;
        _assembly ??= new byte[limit];
        if (_assembly.Length < limit)
        {
            _assembly = new byte[limit];
        }

        var assembled = 0;
        var tpdu = first;
        while (true)
        {
            if (assembled + length > limit)
            {
                throw new S7Exception(S7ErrorReason.FrameTooLarge, $"The segmented S7 PDU exceeds {limit} bytes.");
            }

            tpdu.Span.Slice(CotpCodec.DataHeaderLength, length).CopyTo(_assembly.AsSpan(assembled));
            assembled += length;
            if (endOfTsdu)
            {
                return _assembly.AsMemory(0, assembled);
            }

            tpdu = await ReadTpduAsync(cancellationToken).ConfigureAwait(false);
            length = DataLength(tpdu.Span, out endOfTsdu);
        }
    }

    private static int DataLength(ReadOnlySpan<byte> tpdu, out bool endOfTsdu) => CotpCodec.DecodeData(tpdu, out endOfTsdu).Length;

    private bool TryTakeFrame(out ReadOnlyMemory<byte> tpdu)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_buffer, _start, _end - _start));
        if (!TpktFrame.TryRead(ref reader, MaxFrameLength, out var frame))
        {
            tpdu = default;
            return false;
        }

        tpdu = _buffer.AsMemory(_start + TpktFrame.HeaderLength, (int)frame.Length);
        _start += (int)reader.Consumed;
        return true;
    }
}
