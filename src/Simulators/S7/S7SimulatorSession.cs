using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Simulators.S7;

/// <summary>One client connection of the simulator: COTP connect, then S7 jobs answered in order.</summary>
internal sealed partial class S7SimulatorSession
{
    /// <summary>PDU size a PLC grants at least (S7-300 class CPUs offer 240).</summary>
    private const int MinimumGrantedPduSize = 240;

    private const byte MaxTpduSizeCode = 0x0A;

    private readonly Socket _socket;
    private readonly S7MemoryImage _memory;
    private readonly S7SimulatorOptions _options;
    private readonly Random _random;
    private readonly ILogger _logger;
    private int _pduSize;

    public S7SimulatorSession(Socket socket, S7MemoryImage memory, S7SimulatorOptions options, Random random, ILogger logger)
    {
        _socket = socket;
        _memory = memory;
        _options = options;
        _random = random;
        _logger = logger;
        _pduSize = options.MaxPduSize;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var remote = _socket.RemoteEndPoint?.ToString() ?? "?";
        var stream = new NetworkStream(_socket, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            var reader = new TpktReader(stream, _options.MaxPduSize + S7PduCodec.FrameOverhead);
            try
            {
                var request = CotpCodec.DecodeConnect((await reader.ReadTpduAsync(cancellationToken).ConfigureAwait(false)).Span);
                if (request.Type != CotpTpduType.ConnectionRequest)
                {
                    return;
                }

                var confirm = new CotpConnect(
                    CotpTpduType.ConnectionConfirm,
                    request.SourceReference,
                    0x0001,
                    request.CallingTsap,
                    request.CalledTsap,
                    request.TpduSizeCode is >= 0x07 and <= MaxTpduSizeCode ? request.TpduSizeCode : MaxTpduSizeCode);
                await stream.WriteAsync(CotpCodec.EncodeConnect(confirm), cancellationToken).ConfigureAwait(false);
                LogSessionStarted(_logger, remote, request.CalledTsap);
                while (true)
                {
                    var pdu = S7PduCodec.Decode(await reader.ReadS7PduAsync(cancellationToken).ConfigureAwait(false));
                    var reply = Answer(pdu);
                    reader.MaxFrameLength = _pduSize + S7PduCodec.FrameOverhead;
                    if (pdu.Function is not (S7Function.ReadVar or S7Function.WriteVar))
                    {
                        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
                    }
                    else if (!await SendWithFaultsAsync(stream, reply, remote, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
            catch (S7Exception exception)
            {
                LogSessionEnded(_logger, remote, exception.Reason.ToString());
            }
            catch (Exception exception) when (exception is IOException or SocketException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                LogSessionEnded(_logger, remote, exception.GetType().Name);
            }
        }
    }

    private byte[] Answer(S7Pdu pdu)
    {
        if (pdu.Header.PduType != S7PduType.Job)
        {
            throw new S7Exception(S7ErrorReason.UnexpectedMessage, $"A client sent ROSCTR {pdu.Header.PduType}.");
        }

        var reference = pdu.Header.Reference;
        switch (pdu.Function)
        {
            case S7Function.SetupCommunication:
                var requested = S7PduCodec.DecodeSetupCommunication(pdu);
                _pduSize = Math.Clamp((int)requested.PduLength, Math.Min(MinimumGrantedPduSize, _options.MaxPduSize), _options.MaxPduSize);
                var granted = new S7SetupCommunication(Math.Min(requested.MaxAmqCalling, (ushort)8), Math.Min(requested.MaxAmqCalled, (ushort)8), (ushort)_pduSize);
                return S7PduCodec.EncodeSetupCommunication(S7PduType.AckData, reference, granted);
            case S7Function.ReadVar:
                return ReadVar(reference, S7PduCodec.DecodeItemAddresses(pdu));
            case S7Function.WriteVar:
                var items = S7PduCodec.DecodeWriteVarRequest(pdu, out var data);
                return WriteVar(reference, items, data);
            default:
                return S7PduCodec.EncodeRejection(reference, 0x81, 0x04);
        }
    }

    private async Task<bool> SendWithFaultsAsync(NetworkStream stream, byte[] reply, string remote, CancellationToken cancellationToken)
    {
        var faults = _options.Faults;
        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, cancellationToken).ConfigureAwait(false);
        }

        if (Roll(faults.DropRate))
        {
            LogFault(_logger, remote, "drop");
            return false;
        }

        if (Roll(faults.GarbageRate))
        {
            LogFault(_logger, remote, "garbage");
            var garbage = new byte[_random.Next(1, 64)];
            _random.NextBytes(garbage);
            await stream.WriteAsync(garbage, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool Roll(double probability) => probability > 0 && _random.NextDouble() < probability;

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "S7 session from {Remote} connected (called TSAP 0x{CalledTsap:X4})")]
    private static partial void LogSessionStarted(ILogger logger, string remote, ushort calledTsap);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Debug, Message = "S7 session from {Remote} ended: {Why}")]
    private static partial void LogSessionEnded(ILogger logger, string remote, string why);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "S7 fault injected for {Remote}: {Fault}")]
    private static partial void LogFault(ILogger logger, string remote, string fault);
}
