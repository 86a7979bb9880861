using System.Buffers;
using System.Security.Cryptography;

namespace Proxus.Core.Configuration;

/// <summary>
/// A buffer writer that keeps nothing: it hashes (SHA-256) and counts what is written, in one small
/// reused buffer. Checking that a configuration of thousands of tags is in canonical form then
/// costs no second copy of its bytes: equal length and equal SHA-256 mean equal bytes.
/// </summary>
internal sealed class HashingBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int ChunkBytes = 16 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[ChunkBytes];

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length);
        _hash.AppendData(_buffer, 0, count);
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Buffer(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Buffer(sizeHint);

    /// <summary>Whether the bytes written are exactly <paramref name="expected"/>.</summary>
    public bool WroteExactly(ReadOnlySpan<byte> expected)
    {
        if (Length != expected.Length)
        {
            return false;
        }

        Span<byte> written = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> wanted = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetHashAndReset(written);
        SHA256.HashData(expected, wanted);
        return written.SequenceEqual(wanted);
    }

    public void Dispose() => _hash.Dispose();

    private byte[] Buffer(int sizeHint)
    {
        if (sizeHint > _buffer.Length)
        {
            _buffer = new byte[sizeHint];
        }

        return _buffer;
    }
}
