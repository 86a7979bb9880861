using System.Net;
using System.Net.Sockets;

namespace Proxus.TestSupport;

/// <summary>Ports on 127.0.0.1 assigned by the operating system.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// Asks the OS for a free port (bind to port 0) for a third-party server that must be told its
    /// port on the command line. Our own servers bind port 0 directly and report what they got.
    /// </summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits until something accepts TCP connections on the port, or throws.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
