using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>The three loops of a connection: read, write, keep-alive.</summary>
internal sealed partial class MqttClientConnection
{
    private async Task ReadLoopAsync()
    {
        var token = _closing.Token;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (TryParse(ref buffer, out var packet))
                    {
                        if (packet is PingRespPacket)
                        {
                            Volatile.Write(ref _pingSentTicks, 0);
                            continue;
                        }

                        await _dispatch!(this, packet).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    Abort(buffer.IsEmpty
                        ? new MqttClientException(MqttClientError.ConnectionLost, "The server closed the connection.")
                        : new MqttProtocolException(MqttReasonCode.MalformedPacket, "The server closed the connection in the middle of a packet."));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closing.
        }
        catch (Exception ex) when (ex is MqttProtocolException or MqttClientException)
        {
            Abort(ex);
        }
        catch (Exception ex)
        {
            // Once closing, the transport failing under us is expected and not news.
            if (IsOpen)
            {
                Abort(new MqttClientException(MqttClientError.ConnectionLost, $"Reading from the server failed: {ex.Message}", null, ex));
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outbound.Reader;
        var token = _closing.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var packet))
                {
                    Write(packet);
                    if (packet is DisconnectPacket)
                    {
                        await FlushAsync(token).ConfigureAwait(false);
                        return;
                    }

                    if (_writer.UnflushedBytes >= FlushThreshold)
                    {
                        await FlushAsync(token).ConfigureAwait(false);
                    }
                }

                await FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closing.
        }
        catch (Exception ex)
        {
            if (IsOpen)
            {
                Abort(new MqttClientException(MqttClientError.ConnectionLost, $"Writing to the server failed: {ex.Message}", null, ex));
            }
        }
    }

    private void Write(MqttPacket packet)
    {
        if (packet is PublishPacket publish)
        {
            if (publish.QualityOfService == MqttQualityOfService.AtMostOnce)
            {
                _qos0Slots.Release();
            }

            if (_aliases is not null)
            {
                packet = _aliases.Apply(publish);
            }
        }

        MqttPacketEncoder.Encode(packet, Version, _writer);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastWriteTicks, Environment.TickCount64);
        if (result.IsCompleted)
        {
            throw new IOException("The transport no longer accepts data.");
        }
    }

    /// <summary>
    /// Sends PINGREQ when nothing was written for half the keep-alive (MQTT 5.0 section 3.1.2.10)
    /// and gives up when its PINGRESP has not come within a whole keep-alive — unless the read loop
    /// is held up by the application, in which case the PINGRESP may be sitting unread.
    /// </summary>
    private async Task KeepAliveLoopAsync()
    {
        var keepAliveMs = (long)KeepAlive.TotalMilliseconds;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(keepAliveMs / 4, 25)));
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                var pingSent = Volatile.Read(ref _pingSentTicks);
                if (pingSent != 0)
                {
                    if (Volatile.Read(ref _blockedDeliveries) > 0)
                    {
                        Volatile.Write(ref _pingSentTicks, now);
                    }
                    else if (now - pingSent > keepAliveMs)
                    {
                        MqttClientLog.KeepAliveTimeout(_logger, KeepAlive);
                        Abort(new MqttClientException(MqttClientError.ConnectionLost, $"No PINGRESP within the keep-alive of {KeepAlive}.", MqttReasonCode.KeepAliveTimeout));
                        return;
                    }
                }
                else if (now - Volatile.Read(ref _lastWriteTicks) >= keepAliveMs / 2)
                {
                    Volatile.Write(ref _pingSentTicks, now);
                    TryEnqueue(PingReqPacket.Instance);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }
}
