using System.Net;
using System.Net.Sockets;

namespace Proxus.Mqtt.Tests.Client.Support;

/// <summary>
/// A fake MQTT server on 127.0.0.1 (OS-assigned port) whose every packet is written by the test:
/// it accepts connections and hands each one out as a <see cref="ScriptedServerConnection"/>.
/// </summary>
internal sealed class ScriptedMqttServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<ScriptedServerConnection> _connections = [];

    public ScriptedMqttServer()
    {
        _listener.Start();
    }

    public Uri Uri => new($"mqtt://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public async Task<ScriptedServerConnection> AcceptAsync()
    {
        using var timeout = new CancellationTokenSource(ScriptedServerConnection.Timeout);
        var socket = await _listener.AcceptSocketAsync(timeout.Token);
        var connection = new ScriptedServerConnection(socket);
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        List<ScriptedServerConnection> connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }
}
