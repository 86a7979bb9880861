using System.Buffers;
using System.IO.Pipelines;

namespace Proxus.Server.Mqtt;

/// <summary>
/// One end of an in-memory connection as a <see cref="Stream"/>: reads come from
/// <paramref name="input"/>, writes go to <paramref name="output"/> (each write is flushed, as a
/// socket send would be). A completed input reads as the end of the stream; a write after the other
/// end stopped reading fails with <see cref="IOException"/>, as on a reset connection. Disposing
/// completes both, which the other end sees as the connection closing.
/// </summary>
internal sealed class PipeStream(PipeReader input, PipeWriter output) : Stream
{
    private readonly Stream _input = input.AsStream(leaveOpen: true);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _input.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => _input.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => _input.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        output.Write(buffer);
        ThrowIfClosed(output.FlushAsync().AsTask().GetAwaiter().GetResult());
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        => ThrowIfClosed(await output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
        // Every write is flushed.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Complete();
            output.Complete();
        }

        base.Dispose(disposing);
    }

    private static void ThrowIfClosed(FlushResult result)
    {
        if (result.IsCompleted)
        {
            throw new IOException("The other end of the in-memory connection has closed.");
        }
    }
}
