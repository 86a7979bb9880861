using System.Net.Sockets;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.S7;

/// <summary>
/// One established ISO-on-TCP connection with a negotiated PDU size. Requests run one at a time;
/// any error that leaves the byte stream in doubt breaks the connection for good.
/// </summary>
internal sealed class S7Connection : IAsyncDisposable
{
    /// <summary>TPDU size code 0x0A = 1024 bytes (ISO 8073 section 13.3.4 b).</summary>
    private const byte TpduSizeCode = 0x0A;

    private readonly NetworkStream _stream;
    private readonly TpktReader _reader;
    private readonly TimeSpan _requestTimeout;
    private ushort _nextReference = 1;

    private S7Connection(Socket socket, TimeSpan requestTimeout, int maxFrameLength)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new TpktReader(_stream, maxFrameLength);
        _requestTimeout = requestTimeout;
    }

    public int PduSize { get; private set; }

    public bool IsBroken { get; private set; }

    /// <summary>Connects TCP, then COTP (CR/CC), then negotiates the PDU size with Setup Communication.</summary>
    public static async Task<S7Connection> OpenAsync(S7ClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        S7Connection? connection = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            connection = new S7Connection(socket, options.RequestTimeout, options.PduSize + S7PduCodec.FrameOverhead);
            await connection.HandshakeAsync(options, timeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (Exception exception) when (exception is not S7Exception && !cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync(connection, socket).ConfigureAwait(false);
            var reason = exception is OperationCanceledException ? S7ErrorReason.Timeout : S7ErrorReason.ConnectionFailed;
            throw new S7Exception(reason, $"Connecting to {options.Host}:{options.Port} failed: {exception.Message}", exception);
        }
        catch
        {
            await DisposeAsync(connection, socket).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends the frame built for the next PDU reference and decodes the reply with that reference.
    /// <paramref name="decode"/> runs while the reply's memory is valid; an error it raises that
    /// breaks the connection marks it broken.
    /// </summary>
    public async Task<T> ExchangeAsync<T>(Func<ushort, byte[]> buildFrame, Func<S7Pdu, T> decode, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsBroken, this);
        var reference = _nextReference++;
        var frame = buildFrame(reference);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        try
        {
            await _stream.WriteAsync(frame, timeout.Token).ConfigureAwait(false);
            var pdu = S7PduCodec.Decode(await _reader.ReadS7PduAsync(timeout.Token).ConfigureAwait(false));
            if (pdu.Header.Reference != reference)
            {
                throw new S7Exception(S7ErrorReason.PduReferenceMismatch, $"The reply has PDU reference {pdu.Header.Reference}; the request had {reference}.");
            }

            return decode(pdu);
        }
        catch (S7Exception exception)
        {
            IsBroken |= exception.BreaksConnection;
            throw;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            IsBroken = true;
            throw new S7Exception(S7ErrorReason.Timeout, $"No complete reply within {_requestTimeout.TotalMilliseconds:0} ms.", exception);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            IsBroken = true;
            throw new S7Exception(S7ErrorReason.ConnectionClosed, $"The connection failed: {exception.Message}", exception);
        }
        catch
        {
            // Cancelled by the caller mid-request: the reply may still arrive, so the stream is out of step.
            IsBroken = true;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        IsBroken = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private static async ValueTask DisposeAsync(S7Connection? connection, Socket socket)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            socket.Dispose();
        }
    }

    private async Task HandshakeAsync(S7ClientOptions options, CancellationToken cancellationToken)
    {
        var request = new CotpConnect(CotpTpduType.ConnectionRequest, 0, 1, options.EffectiveLocalTsap, options.EffectiveRemoteTsap, TpduSizeCode);
        await _stream.WriteAsync(CotpCodec.EncodeConnect(request), cancellationToken).ConfigureAwait(false);
        var reply = await _reader.ReadTpduAsync(cancellationToken).ConfigureAwait(false);
        var type = CotpCodec.ReadType(reply.Span);
        if (type != CotpTpduType.ConnectionConfirm)
        {
            throw new S7Exception(
                type is CotpTpduType.DisconnectRequest or CotpTpduType.Error ? S7ErrorReason.ConnectionRefused : S7ErrorReason.UnexpectedMessage,
                $"The PLC answered the COTP connection request (remote TSAP 0x{options.EffectiveRemoteTsap:X4}) with TPDU code 0x{(byte)type:X2}.");
        }

        CotpCodec.DecodeConnect(reply.Span);
        var setup = new S7SetupCommunication(1, 1, (ushort)options.PduSize);
        var granted = await ExchangeAsync(
            reference => S7PduCodec.EncodeSetupCommunication(S7PduType.Job, reference, setup),
            pdu =>
            {
                S7PduCodec.EnsureAcknowledgement(pdu, S7Function.SetupCommunication);
                return S7PduCodec.DecodeSetupCommunication(pdu).PduLength;
            },
            cancellationToken).ConfigureAwait(false);
        if (granted < S7ClientOptions.MinimumPduSize)
        {
            throw new S7Exception(S7ErrorReason.PduSizeTooSmall, $"The PLC granted a PDU size of {granted} bytes; at least {S7ClientOptions.MinimumPduSize} are needed.");
        }

        PduSize = Math.Min(granted, options.PduSize);
        _reader.MaxFrameLength = PduSize + S7PduCodec.FrameOverhead;
    }
}
