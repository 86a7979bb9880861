using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>
/// A UA TCP connection (Part 6 section 7.1): opens the socket, exchanges Hello/Acknowledge, then frames
/// chunks in both directions. Reads are capped at the negotiated receive buffer size before anything is
/// allocated; an ERR from the server becomes an <see cref="OpcUaException"/> with its status code.
/// </summary>
internal sealed partial class UaTcpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ILogger _logger;
    private int _disposed;

    private UaTcpConnection(Socket socket, ILogger logger)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 65536, minimumReadSize: 16384));
        _logger = logger;
        Limits = new TransportLimits(AcknowledgeMessage.MinBufferSize, AcknowledgeMessage.MinBufferSize, 0, 0, AcknowledgeMessage.MinBufferSize, 1);
    }

    public TransportLimits Limits { get; private set; }

    /// <summary>Connects to <c>opc.tcp://host:port/path</c> and negotiates the limits with Hello/Acknowledge.</summary>
    public static async Task<UaTcpConnection> ConnectAsync(string endpointUrl, TransportSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var (host, port) = ParseEndpoint(endpointUrl);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new OpcUaException(StatusCode.BadNotConnected, $"Cannot connect to {host}:{port}: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new UaTcpConnection(socket, logger);
        try
        {
            await connection.HandshakeAsync(endpointUrl, settings, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends bytes that already hold one or more complete chunks.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> chunks, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(chunks, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw new OpcUaException(StatusCode.BadConnectionClosed, "The connection was lost while sending.", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Reads the next chunk. An ERR message is thrown as its status code; a closed socket is
    /// BadConnectionClosed.
    /// </summary>
    public async ValueTask<ReceivedChunk> ReadChunkAsync(CancellationToken cancellationToken)
    {
        var chunk = await ReadFrameAsync(Limits.ReceiveBufferSize, cancellationToken).ConfigureAwait(false);
        if (chunk.Header.MessageType == MessageType.Error)
        {
            using (chunk)
            {
                throw ErrorMessage.Decode(chunk.Span[ChunkHeader.Size..]).ToException();
            }
        }

        return chunk;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }

    internal static (string Host, int Port) ParseEndpoint(string endpointUrl)
    {
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || uri.Scheme != "opc.tcp" || string.IsNullOrEmpty(uri.Host)
            || endpointUrl.Length > HelloMessage.MaxEndpointUrlLength)
        {
            throw new OpcUaException(StatusCode.BadTcpEndpointUrlInvalid, $"'{endpointUrl}' is not an opc.tcp://host[:port][/path] URL.");
        }

        return (uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? 4840 : uri.Port);
    }

    private async Task HandshakeAsync(string endpointUrl, TransportSettings settings, CancellationToken cancellationToken)
    {
        var hello = new HelloMessage(0, settings.ReceiveBufferSize, settings.SendBufferSize, settings.MaxMessageSize, settings.MaxChunkCount, endpointUrl);
        await SendAsync(hello.Encode(), cancellationToken).ConfigureAwait(false);
        using var reply = await ReadChunkAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Header.MessageType != MessageType.Acknowledge)
        {
            throw new OpcUaException(StatusCode.BadTcpMessageTypeInvalid, $"Expected an Acknowledge, got {reply.Header.MessageType}.");
        }

        var ack = AcknowledgeMessage.Decode(reply.Span[ChunkHeader.Size..]);
        if (ack.ReceiveBufferSize > settings.SendBufferSize || ack.SendBufferSize > settings.ReceiveBufferSize)
        {
            throw new OpcUaException(StatusCode.BadTcpInternalError, "The server revised the buffer sizes upwards.");
        }

        Limits = new TransportLimits(
            SendBufferSize: ack.ReceiveBufferSize,
            ReceiveBufferSize: settings.ReceiveBufferSize,
            MaxSendMessageSize: ack.MaxMessageSize,
            MaxSendChunkCount: ack.MaxChunkCount,
            MaxReceiveMessageSize: settings.MaxMessageSize,
            MaxReceiveChunkCount: settings.MaxChunkCount);
        LogNegotiated(_logger, endpointUrl, Limits.SendBufferSize, Limits.ReceiveBufferSize, ack.MaxMessageSize, ack.MaxChunkCount);
    }

    private async ValueTask<ReceivedChunk> ReadFrameAsync(int maxSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                throw new OpcUaException(StatusCode.BadConnectionClosed, "The connection was lost.", ex);
            }

            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            ChunkHeader header;
            try
            {
                if (ChunkHeader.TryRead(ref reader, maxSize, out header) && buffer.Length >= header.MessageSize)
                {
                    var bytes = ArrayPool<byte>.Shared.Rent(header.MessageSize);
                    buffer.Slice(0, header.MessageSize).CopyTo(bytes);
                    _reader.AdvanceTo(buffer.GetPosition(header.MessageSize));
                    return new ReceivedChunk(header, bytes);
                }
            }
            catch (OpcUaException)
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
                throw new OpcUaException(StatusCode.BadConnectionClosed, buffer.IsEmpty ? "The server closed the connection." : "The server closed the connection in the middle of a message.");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "UA TCP connected to {Endpoint}: send buffer {SendBuffer}, receive buffer {ReceiveBuffer}, server max message {MaxMessage}, max chunks {MaxChunks}")]
    private static partial void LogNegotiated(ILogger logger, string endpoint, int sendBuffer, int receiveBuffer, int maxMessage, int maxChunks);
}
