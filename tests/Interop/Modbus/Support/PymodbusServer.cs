using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Modbus.Support;

/// <summary>Peers/modbus_server.py (pymodbus 3.0) on a free loopback port or a serial device, stopped by pid.</summary>
internal sealed class PymodbusServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private PymodbusServer(ExternalProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static string PeersDirectory => Path.Combine(RepositoryPaths.Root, "tests", "Interop", "Modbus", "Peers");

    public static async Task<PymodbusServer> StartTcpAsync(bool rtu, int unit = 1)
    {
        var port = LoopbackPort.GetFree();
        var process = ExternalProcess.Start(RepositoryPaths.SystemPython,
            [Path.Combine(PeersDirectory, "modbus_server.py"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--framer", rtu ? "rtu" : "socket", "--unit", unit.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            PeersDirectory);
        return await ReadyAsync(process, port);
    }

    public static async Task<PymodbusServer> StartSerialAsync(string device)
    {
        var process = ExternalProcess.Start(RepositoryPaths.SystemPython, [Path.Combine(PeersDirectory, "modbus_server.py"), "--serial", device, "--baud", "19200"], PeersDirectory);
        return await ReadyAsync(process, 0);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private static async Task<PymodbusServer> ReadyAsync(ExternalProcess process, int port)
    {
        try
        {
            await process.WaitForOutputAsync("ready", TimeSpan.FromSeconds(30));
            if (port != 0)
            {
                await LoopbackPort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10));
            }

            return new PymodbusServer(process, port);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
