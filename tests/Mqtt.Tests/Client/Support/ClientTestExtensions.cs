using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Client.Support;

/// <summary>Options and waits shared by the client tests; every wait is bounded.</summary>
internal static class ClientTestExtensions
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    public static MqttClientOptions Options(Uri server, MqttProtocolVersion version = MqttProtocolVersion.V500, bool reconnect = false) => new()
    {
        Server = server,
        ProtocolVersion = version,
        ClientId = "test-client",
        KeepAlive = TimeSpan.Zero,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        Reconnect = new MqttReconnectOptions
        {
            Enabled = reconnect,
            InitialDelay = TimeSpan.FromMilliseconds(20),
            MaximumDelay = TimeSpan.FromMilliseconds(200),
        },
    };

    /// <summary>Connects a client while the scripted server accepts it; returns both ends.</summary>
    public static async Task<(MqttClient Client, ScriptedServerConnection Server, ConnectPacket Connect)> ConnectAsync(
        this ScriptedMqttServer server, MqttClientOptions options, ConnAckPacket? connAck = null, ILogger<MqttClient>? logger = null)
    {
        var client = new MqttClient(options, logger);
        var accepted = server.AcceptAsync();
        var connecting = client.ConnectAsync();
        var connection = await accepted;
        var connect = await connection.AcceptConnectAsync(connAck);
        await connecting.WaitAsync(TestTimeout);
        return (client, connection, connect);
    }

    public static async Task<MqttClientDisconnectedEventArgs> NextDisconnectAsync(this MqttClient client, Func<Task> trigger)
    {
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += (_, e) => disconnected.TrySetResult(e);
        await trigger();
        return await disconnected.Task.WaitAsync(TestTimeout);
    }

    public static async Task<MqttApplicationMessage> ReadMessageAsync(this MqttClient client)
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        return await client.Messages.ReadAsync(cts.Token);
    }
}
