using System.Net.Sockets;

namespace Proxus.Drivers.Modbus.Transport;

/// <summary>Opens TCP connections with a connect timeout and Nagle off (small request/reply frames).</summary>
internal static class ModbusSocket
{
    public static async Task<Socket> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, timeoutSource.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ModbusException(ModbusErrorReason.ConnectionFailed, $"Connecting to {host}:{port} timed out after {timeout.TotalMilliseconds} ms.");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ModbusException(ModbusErrorReason.ConnectionFailed, $"Connecting to {host}:{port} failed: {ex.SocketErrorCode}.", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
