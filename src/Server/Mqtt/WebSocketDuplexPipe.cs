using System.IO.Pipelines;
using System.Net.WebSockets;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Presents a WebSocket as an <see cref="IDuplexPipe"/> for the broker (MQTT 5.0 section 6): binary
/// frames in are bytes of the stream (packets may span frames); every flushed batch goes out as one
/// binary message. The input pipe pauses the socket reader at a bound, so a client cannot make the
/// server buffer more than that ahead of the broker. When the broker ends the connection the close
/// handshake is completed (bounded in time) before the socket is torn down: aborting with unread
/// bytes would reset the TCP connection, and the peer's stack could discard the last packets (a
/// refusing CONNACK, a DISCONNECT with its reason code) before the client read them.
/// </summary>
internal sealed class WebSocketDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    private const int BufferLimit = 1024 * 1024;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly Pipe _input = new(new PipeOptions(pauseWriterThreshold: BufferLimit, resumeWriterThreshold: BufferLimit / 2, useSynchronizationContext: false));
    private readonly Pipe _output = new(new PipeOptions(pauseWriterThreshold: BufferLimit, resumeWriterThreshold: BufferLimit / 2, useSynchronizationContext: false));
    private readonly Task _receiving;
    private readonly Task _sending;

    public WebSocketDuplexPipe(WebSocket socket)
    {
        _socket = socket;
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    public async ValueTask DisposeAsync()
    {
        // The broker completed both pipes; let the close handshake go out, then stop receiving.
        try
        {
            await _sending.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The peer does not read: abort below ends the send too.
        }

        try
        {
            // Wait for the peer's close frame, so that nothing unread is left when the socket goes.
            await _receiving.WaitAsync(CloseHandshakeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The peer does not answer the close: abort.
        }

        _socket.Abort();
        await _receiving.ConfigureAwait(false);
        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var writer = _input.Writer;
        var draining = false;
        try
        {
            while (true)
            {
                if (draining)
                {
                    // The broker is done reading: discard what still comes until the peer's close frame.
                    var discarded = await _socket.ReceiveAsync(new byte[4096], CancellationToken.None).ConfigureAwait(false);
                    if (discarded.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    continue;
                }

                var memory = writer.GetMemory(4096);
                var result = await _socket.ReceiveAsync(memory, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType != WebSocketMessageType.Binary)
                {
                    // Section 6.0: MQTT travels in binary frames only; a text frame ends the connection.
                    break;
                }

                writer.Advance(result.Count);
                if ((await writer.FlushAsync().ConfigureAwait(false)).IsCompleted)
                {
                    await writer.CompleteAsync().ConfigureAwait(false);
                    draining = true;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or the socket was aborted: the broker sees the end of its input.
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    private async Task SendAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (buffer.IsSingleSegment)
                {
                    await _socket.SendAsync(buffer.First, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                }
                else if (!buffer.IsEmpty)
                {
                    foreach (var segment in buffer)
                    {
                        await _socket.SendAsync(segment, WebSocketMessageType.Binary, endOfMessage: false, CancellationToken.None).ConfigureAwait(false);
                    }

                    await _socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away; the broker sees the input end.
            _socket.Abort();
        }

        await reader.CompleteAsync().ConfigureAwait(false);
    }
}
