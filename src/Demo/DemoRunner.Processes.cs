using System.Globalization;
using System.Net.Sockets;
using Proxus.Demo.Api;

namespace Proxus.Demo;

public sealed partial class DemoRunner
{
    private static string Dotnet => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void StartSimulators(DemoPorts ports)
    {
        var plant = DemoPaths.PlantDirectory;
        _simulators.Add(StartDotnet("press-modbus-simulator", paths.SimulatorsDll, "modbus", "--config", Path.Combine(plant, "press-hydraulics.modbus.json"), "--port", Invariant(ports.PressModbus)));
        _simulators.Add(StartDotnet("press-s7-simulator", paths.SimulatorsDll, ["s7", "--port", Invariant(ports.PressS7), .. DemoPlant.PressPlcArguments()]));
        _simulators.Add(StartDotnet("utilities-modbus-simulator", paths.SimulatorsDll, "modbus", "--config", Path.Combine(plant, "utilities.modbus.json"), "--port", Invariant(ports.UtilitiesModbus)));
    }

    private void StartServer(DemoPorts ports)
    {
        _server = ChildProcess.Start(
            "server",
            Dotnet,
            [
                paths.ServerDll,
                "--urls", "https://localhost:" + Invariant(ports.Https),
                "--contentRoot", Path.GetDirectoryName(paths.ServerDll)!,
                "--Server:DataDirectory=" + paths.ServerDataDirectory,
                "--Mqtt:DataDirectory=" + paths.MqttDataDirectory,
                "--Mqtt:TlsPort=" + Invariant(ports.MqttTls),
                // The loopback listener carries the server's own consumers (ingest, agent status, write
                // results); it listens on 127.0.0.1 only and, in the demo, also admits anonymous clients.
                "--Mqtt:Port=" + Invariant(ports.MqttLoopback),
                "--Mqtt:AllowAnonymous=true",
            ],
            paths.LogFile("server"),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
    }

    /// <summary>Waits until the server listens, pins its CA and answers <c>/readyz</c>.</summary>
    private async Task<ServerTrust> WaitForServerAsync(Uri server, DemoPorts ports, CancellationToken stopping)
    {
        await output.WriteLineAsync($"Starting the server on {server} (log: {paths.LogFile("server")}) ...").ConfigureAwait(false);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timer.CancelAfter(StartTimeout);
        try
        {
            foreach (var simulator in _simulators)
            {
                await WaitListeningAsync(simulator, SimulatorPort(simulator.Name, ports), timer.Token).ConfigureAwait(false);
            }

            await WaitListeningAsync(_server!, ports.Https, timer.Token).ConfigureAwait(false);
            var trust = await ServerTrust.FetchAsync(server, timer.Token).ConfigureAwait(false);
            using var handler = trust.CreateHandler(new System.Net.CookieContainer());
            using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
            while (true)
            {
                EnsureRunning(_server!);
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative), timer.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return trust;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), timer.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new DemoException($"The server was not ready within {StartTimeout.TotalMinutes:0} minutes; see {paths.LogFile("server")}.");
        }
    }

    private static int SimulatorPort(string name, DemoPorts ports) => name switch
    {
        "press-modbus-simulator" => ports.PressModbus,
        "press-s7-simulator" => ports.PressS7,
        _ => ports.UtilitiesModbus,
    };

    private async Task WaitListeningAsync(ChildProcess child, int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            EnsureRunning(child);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void EnsureRunning(ChildProcess child)
    {
        if (child.HasExited)
        {
            throw new DemoException($"{child.Name} exited with code {child.ExitCode} while starting; see {paths.LogFile(child.Name)}.");
        }
    }

    private ChildProcess StartDotnet(string name, string dll, params IEnumerable<string> arguments)
        => ChildProcess.Start(name, Dotnet, [dll, .. arguments], paths.LogFile(name));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
