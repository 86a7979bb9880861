using System.Net;
using System.Net.Sockets;

namespace Proxus.Demo;

/// <summary>Picks the demo's ports on its first start: the preferred port when it is free, else one the OS assigns.</summary>
public static class PortChooser
{
    /// <summary>The preferred ports, each replaced by a free one (and said so on <paramref name="output"/>) when it is taken.</summary>
    public static DemoPorts Choose(DemoPorts preferred, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(preferred);
        ArgumentNullException.ThrowIfNull(output);
        var taken = new HashSet<int>();
        int Pick(string purpose, int port)
        {
            if (IsFree(port) && taken.Add(port))
            {
                return port;
            }

            var other = FreePort(taken);
            output.WriteLine($"Port {port} ({purpose}) is in use; the demo uses {other} instead.");
            return other;
        }

        return new DemoPorts(
            Pick("HTTPS (portal, REST API)", preferred.Https),
            Pick("MQTT over TLS", preferred.MqttTls),
            Pick("MQTT loopback listener", preferred.MqttLoopback),
            Pick("press line Modbus simulator", preferred.PressModbus),
            Pick("press line S7 simulator", preferred.PressS7),
            Pick("utilities Modbus simulator", preferred.UtilitiesModbus));
    }

    /// <summary>Whether nothing listens on the port on the IPv4 and (when present) IPv6 loopback.</summary>
    public static bool IsFree(int port)
    {
        if (!CanBind(IPAddress.Loopback, port))
        {
            return false;
        }

        return !Socket.OSSupportsIPv6 || CanBind(IPAddress.IPv6Loopback, port);
    }

    private static int FreePort(HashSet<int> taken)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (IsFree(port) && taken.Add(port))
            {
                return port;
            }
        }
    }

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable && address.Equals(IPAddress.IPv6Loopback))
        {
            // No ::1 on this host: nothing can listen there either.
            return true;
        }
    }
}
