using System.Globalization;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Support;

/// <summary>
/// node-opcua 2.182.2's server (the interop tests' <c>tests/Interop/OpcUa/Peers/opcua-server.js</c>) on a
/// free loopback port with its own temporary PKI, shared by a test class and stopped by pid. Its
/// certificate is placed in the trusted folder of <see cref="TrustingPki"/>; the server accepts any
/// client certificate and the user <c>operator</c> with the password <c>secret</c>.
/// </summary>
public sealed class NodeOpcUaServer : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("proxus-agent-opcua-").FullName;
    private ExternalProcess? _process;

    public int Port { get; } = LoopbackPort.GetFree();

    public string EndpointUrl => string.Create(CultureInfo.InvariantCulture, $"opc.tcp://127.0.0.1:{Port}");

    /// <summary>A client PKI directory that trusts the server's certificate.</summary>
    public string TrustingPki => Path.Combine(_root, "client-pki");

    /// <summary>
    /// What the server printed since it was (re)started; it traces every Read request it serves as a
    /// line <c>READ nodeId ...</c>.
    /// </summary>
    public string Output => _process?.StandardOutput ?? string.Empty;

    public async Task InitializeAsync()
    {
        var certificate = Path.Combine(_root, "server.der");
        await StartAsync(["--export-cert", certificate]);
        var trusted = Path.Combine(TrustingPki, "trusted", "certs");
        Directory.CreateDirectory(trusted);
        File.Copy(certificate, Path.Combine(trusted, "node-opcua.der"), overwrite: true);
    }

    /// <summary>Stops the server (by pid) and starts it again on the same port with the same certificate: sessions and subscriptions are gone.</summary>
    public async Task RestartAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        await StartAsync([]);
    }

    /// <summary>A new, empty client PKI directory (trusting nothing) below this server's temporary folder.</summary>
    public string CreateEmptyPki() => Directory.CreateDirectory(Path.Combine(_root, "empty-pki-" + Guid.NewGuid().ToString("N"))).FullName;

    private async Task StartAsync(string[] extra)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Interop", "OpcUa", "Peers", "opcua-server.js");
        string[] arguments = [script, "--port", Port.ToString(CultureInfo.InvariantCulture), "--pki", Path.Combine(_root, "server-pki"), "--dynamic-count", "2", "--trace-reads", .. extra];
        _process = ExternalProcess.Start("node", arguments, environment: new Dictionary<string, string> { ["NODE_PATH"] = RepositoryPaths.NodeModules });
        await _process.WaitForOutputAsync("READY", TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by the dying process; the OS cleans the temporary folder.
        }
    }
}
