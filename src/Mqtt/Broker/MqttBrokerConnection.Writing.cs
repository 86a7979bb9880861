using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

internal sealed partial class MqttBrokerConnection
{
    /// <summary>True while many packets wait for the write loop: publishers to this connection yield to it.</summary>
    public bool IsWriteBacklogged => Volatile.Read(ref _backlog) > CongestionBacklog;

    /// <summary>Queues a packet for the write loop; ignored once the connection is closing.</summary>
    public void Send(MqttPacket packet)
    {
        Interlocked.Increment(ref _backlog);
        if (!_outbound.Writer.TryWrite(packet))
        {
            Interlocked.Decrement(ref _backlog);
        }
    }

    /// <summary>False when the packet exceeds the client's Maximum Packet Size (5.0 section 3.1.2.11.4).</summary>
    public bool Accepts(MqttPacket packet)
        => ClientMaximumPacketSize >= MqttBrokerOptions.ProtocolMaximumPacketSize
            || MqttPacketEncoder.GetEncodedSize(packet, ProtocolVersion) <= ClientMaximumPacketSize;

    /// <summary>
    /// Closes the connection from the broker's side: in 5.0 a DISCONNECT with the reason goes out first
    /// (section 4.13.2); queued packets are still written, then the transport is closed.
    /// </summary>
    public void Close(MqttReasonCode reasonCode)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        _closeReason = reasonCode;
        if (IsConnected && ProtocolVersion == MqttProtocolVersion.V500)
        {
            Send(new DisconnectPacket { ReasonCode = reasonCode });
        }

        _outbound.Writer.TryComplete();
        try
        {
            _readCancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    private async Task WriteLoopAsync()
    {
        await Task.Yield();
        var output = _transport.Output;
        var reader = _outbound.Reader;
        var threshold = _broker.Options.OutboundFlushThreshold;
        var token = _writeCancellation.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                long written = 0;
                while (reader.TryRead(out var packet))
                {
                    Interlocked.Decrement(ref _backlog);
                    MqttPacketEncoder.Encode(packet, ProtocolVersion == MqttProtocolVersion.Unknown ? MqttProtocolVersion.V311 : ProtocolVersion, output);
                    _broker.Statistics.AddPacketSent(packet);
                    if (output.UnflushedBytes >= threshold)
                    {
                        written += output.UnflushedBytes;
                        if ((await output.FlushAsync(token).ConfigureAwait(false)).IsCompleted)
                        {
                            return;
                        }
                    }
                }

                written += output.UnflushedBytes;
                _broker.Statistics.AddBytesSent(written);
                if ((await output.FlushAsync(token).ConfigureAwait(false)).IsCompleted)
                {
                    return;
                }

            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The peer stopped reading while the connection was closing.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            MqttBrokerLog.TransportFailed(_logger, ClientId, Info.RemoteEndPoint, ex);
        }
        finally
        {
            // A writer that cannot write any more ends the connection too.
            Close(MqttReasonCode.UnspecifiedError);
        }
    }

    private async Task EndAsync(Task writer)
    {
        // Nothing more is queued once the read loop has ended; what is queued is still written.
        Interlocked.Exchange(ref _closing, 1);
        _outbound.Writer.TryComplete();
        try
        {
            await writer.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _writeCancellation.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
        }

        _broker.OnConnectionEnded(this);
        await _transport.Input.CompleteAsync().ConfigureAwait(false);
        await _transport.Output.CompleteAsync().ConfigureAwait(false);
        _readCancellation.Dispose();
        _writeCancellation.Dispose();
    }
}
