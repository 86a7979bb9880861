using System.Globalization;
using Proxus.Demo.Api;

namespace Proxus.Demo;

/// <summary>
/// Runs the demo: starts the simulators and the server, seeds the sample enterprise through the
/// REST API (idempotently: a second start finds what the first created), enrolls each agent with a
/// one-time token through <c>proxus-agent enroll</c> and runs it with <c>proxus-agent run</c>, prints
/// how to reach everything, and stops every child by process id when it is cancelled.
/// </summary>
public sealed partial class DemoRunner(DemoPaths paths, TextWriter output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary><c>proxus-agent run</c> drains and says goodbye within 20 s of SIGTERM.</summary>
    private static readonly TimeSpan AgentStopGrace = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan ServerStopGrace = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SimulatorStopGrace = TimeSpan.FromSeconds(5);

    private readonly List<ChildProcess> _simulators = [];
    private readonly List<ChildProcess> _agents = [];
    private readonly DemoStateStore _store = new(paths.DataDirectory);
    private ChildProcess? _server;

    /// <summary>Runs until <paramref name="stopping"/> is cancelled (0) or a child stops on its own (1).</summary>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        paths.EnsureBuilt();
        paths.CreateDirectories();
        var state = _store.Load();
        var ports = state.Ports ?? PortChooser.Choose(DemoPorts.Preferred, output);
        if (state.Ports is null)
        {
            state.Ports = ports;
            _store.Save(state);
        }
        else
        {
            EnsurePortsFree(ports);
        }

        try
        {
            StartSimulators(ports);
            var server = new Uri($"https://localhost:{ports.Https.ToString(CultureInfo.InvariantCulture)}/");
            StartServer(ports);
            using var trust = await WaitForServerAsync(server, ports, stopping).ConfigureAwait(false);
            TrustOnFirstUse(state, trust);
            using var admin = new ProxusClient(server, trust);
            await SignInAdminAsync(admin, server, trust, state, stopping).ConfigureAwait(false);
            var sites = await SeedAsync(admin, server, trust, ports, state, stopping).ConfigureAwait(false);
            await StartAgentsAsync(admin, server, ports, state, sites, stopping).ConfigureAwait(false);
            await File.WriteAllTextAsync(paths.CaChainFile, trust.ChainPem, stopping).ConfigureAwait(false);
            var consumer = await PrepareConsumerAsync(admin, trust, state, stopping).ConfigureAwait(false);
            PrintBanner(server, ports, state, sites, ConsumerCommand(ports, consumer));
            return await WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            await StopAllAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A second start needs the ports of the first: the agents' enrollment and the tag maps name them.</summary>
    private static void EnsurePortsFree(DemoPorts ports)
    {
        foreach (var (purpose, port) in ports.Named())
        {
            if (!PortChooser.IsFree(port))
            {
                throw new DemoException($"Port {port} ({purpose}) is in use, and this demo installation was set up with it. Stop what uses it (another demo?) and start again.");
            }
        }
    }

    private static void TrustOnFirstUse(DemoState state, ServerTrust trust)
    {
        if (state.CaFingerprint is null)
        {
            state.CaFingerprint = trust.RootFingerprint;
        }
        else if (!string.Equals(state.CaFingerprint, trust.RootFingerprint, StringComparison.Ordinal))
        {
            throw new DemoException($"The server's root CA is {trust.RootFingerprint}, but this demo installation trusted {state.CaFingerprint}. Delete the demo data directory to start afresh.");
        }
    }

    /// <summary>Waits for a stop request, or for a child to stop on its own.</summary>
    private async Task<int> WaitAsync(CancellationToken stopping)
    {
        var children = _simulators.Concat(_agents).Append(_server!).ToList();
        var exited = await Task.WhenAny(children.Select(child => child.Exited).Append(Task.Delay(Timeout.Infinite, stopping))).ConfigureAwait(false);
        if (stopping.IsCancellationRequested)
        {
            return 0;
        }

        // Ctrl+C in a terminal reaches every process of the group at once; give our own handler a moment.
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        if (stopping.IsCancellationRequested)
        {
            return 0;
        }

        var stopped = children.First(child => child.Exited == exited || child.HasExited);
        await output.WriteLineAsync($"{stopped.Name} stopped on its own (exit code {stopped.ExitCode}); see {paths.LogFile(stopped.Name)}. Stopping the demo.").ConfigureAwait(false);
        return 1;
    }

    /// <summary>The agents first (they say goodbye to the broker), then the server, then the simulators.</summary>
    private async Task StopAllAsync()
    {
        var running = _simulators.Concat(_agents).Append(_server).Any(child => child is { HasExited: false });
        if (running)
        {
            await output.WriteLineAsync("Stopping the agents, the server and the simulators ...").ConfigureAwait(false);
        }

        await Task.WhenAll(_agents.Select(agent => agent.StopAsync(AgentStopGrace))).ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.StopAsync(ServerStopGrace).ConfigureAwait(false);
        }

        await Task.WhenAll(_simulators.Select(simulator => simulator.StopAsync(SimulatorStopGrace))).ConfigureAwait(false);
        foreach (var child in _agents.Concat(_simulators).Append(_server).OfType<ChildProcess>())
        {
            await child.DisposeAsync().ConfigureAwait(false);
        }

        _agents.Clear();
        _simulators.Clear();
        _server = null;
        if (running)
        {
            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
        }
    }
}
