using System.Buffers;

namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>One complete chunk (header included) in a buffer rented from the shared pool; dispose to return it.</summary>
internal readonly struct ReceivedChunk : IDisposable
{
    private readonly byte[] _buffer;

    public ReceivedChunk(ChunkHeader header, byte[] buffer)
    {
        Header = header;
        _buffer = buffer;
    }

    public ChunkHeader Header { get; }

    /// <summary>The whole chunk, header included; writable so that decryption can happen in place.</summary>
    public Span<byte> Span => _buffer.AsSpan(0, Header.MessageSize);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
