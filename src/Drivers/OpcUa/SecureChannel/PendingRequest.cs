using System.Buffers;

namespace Proxus.Drivers.OpcUa.SecureChannel;

/// <summary>A request awaiting its response; the receive loop reassembles the response chunks here.</summary>
internal sealed class PendingRequest
{
    private ArrayBufferWriter<byte>? _assembly;

    public TaskCompletionSource<byte[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ChunkCount { get; private set; }

    public int Size { get; private set; }

    /// <summary>Appends a chunk body; returns the whole message once the final chunk arrives, else null.</summary>
    public byte[]? Append(ReadOnlySpan<byte> body, bool final)
    {
        ChunkCount++;
        Size += body.Length;
        if (final && _assembly is null)
        {
            return body.ToArray();
        }

        _assembly ??= new ArrayBufferWriter<byte>(body.Length * 2);
        _assembly.Write(body);
        return final ? _assembly.WrittenSpan.ToArray() : null;
    }
}
