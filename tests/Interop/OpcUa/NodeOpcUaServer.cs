using Proxus.Drivers.OpcUa;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.OpcUa;

/// <summary>
/// node-opcua 2.182.2's server (Peers/opcua-server.js) on a free loopback port with its own temporary
/// PKI, shared by a test class. Its certificate is placed in our client's trusted folder; the server
/// side auto-accepts our client certificate. <see cref="RestartAsync"/> kills it by pid and starts it
/// again on the same port with the same PKI.
/// </summary>
public sealed class NodeOpcUaServer : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("proxus-opcua-").FullName;
    private ExternalProcess? _process;

    public int Port { get; } = LoopbackPort.GetFree();

    public string EndpointUrl => $"opc.tcp://127.0.0.1:{Port}";

    /// <summary>Our client's PKI directory, with the server certificate already trusted.</summary>
    public string ClientPki => Path.Combine(_root, "client-pki");

    public string ServerCertificatePath => Path.Combine(_root, "server.der");

    /// <summary>Extra arguments for the script (e.g. a short token lifetime), set before <see cref="InitializeAsync"/>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public async Task InitializeAsync()
    {
        await StartAsync();
        var trusted = Path.Combine(ClientPki, "trusted", "certs");
        Directory.CreateDirectory(trusted);
        File.Copy(ServerCertificatePath, Path.Combine(trusted, "node-opcua.der"), overwrite: true);
    }

    public OpcUaClientOptions Options(SecurityPolicy? policy = null, MessageSecurityMode mode = MessageSecurityMode.None, UserIdentity? identity = null) => new()
    {
        EndpointUrl = EndpointUrl,
        SecurityPolicy = policy ?? SecurityPolicy.None,
        SecurityMode = policy is null || policy.IsNone ? MessageSecurityMode.None : mode,
        Identity = identity ?? UserIdentity.Anonymous,
        PkiDirectory = ClientPki,
        ApplicationUri = "urn:proxus:interop:client",
        RequestTimeout = TimeSpan.FromSeconds(15),
        KeepAliveInterval = TimeSpan.FromSeconds(2),
        ReconnectDelay = TimeSpan.FromMilliseconds(250),
        MaxReconnectDelay = TimeSpan.FromSeconds(2),
    };

    /// <summary>Kills the server and starts a fresh process on the same port: all sessions and subscriptions are gone.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        await Task.Delay(downtime);
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying process; the temp folder is cleaned by the OS.
        }
    }

    public async Task StartAsync()
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Interop", "OpcUa", "Peers", "opcua-server.js");
        string[] arguments = [script, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pki", Path.Combine(_root, "server-pki"), "--export-cert", ServerCertificatePath, .. ExtraArguments];
        _process = ExternalProcess.Start("node", arguments, environment: new Dictionary<string, string> { ["NODE_PATH"] = RepositoryPaths.NodeModules });
        await _process.WaitForOutputAsync("READY", TimeSpan.FromSeconds(90));
    }
}
