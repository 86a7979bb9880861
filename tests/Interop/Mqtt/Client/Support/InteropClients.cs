using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Interop.Tests.Mqtt.Client.Support;

/// <summary>Creates our clients for interop tests; every wait is bounded.</summary>
public static class InteropClients
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    public static MqttClientOptions Options(Uri server, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500) => new()
    {
        Server = server,
        ClientId = clientId,
        ProtocolVersion = version,
        KeepAlive = TimeSpan.FromSeconds(30),
        Reconnect = new MqttReconnectOptions { Enabled = false },
    };

    public static async Task<MqttClient> ConnectAsync(MqttClientOptions options)
    {
        var client = new MqttClient(options);
        try
        {
            await client.ConnectAsync().WaitAsync(TestTimeout);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public static Task<MqttClient> ConnectAsync(Uri server, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500)
        => ConnectAsync(Options(server, clientId, version));

    public static async Task<List<MqttApplicationMessage>> ReadAsync(this MqttClient client, int count)
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var messages = new List<MqttApplicationMessage>(count);
        while (messages.Count < count)
        {
            messages.Add(await client.Messages.ReadAsync(cts.Token));
        }

        return messages;
    }

    /// <summary>Whatever arrives within the window (for "nothing more comes" checks).</summary>
    public static async Task<List<MqttApplicationMessage>> DrainAsync(this MqttClient client, TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        var messages = new List<MqttApplicationMessage>();
        try
        {
            while (true)
            {
                messages.Add(await client.Messages.ReadAsync(cts.Token));
            }
        }
        catch (OperationCanceledException)
        {
            return messages;
        }
    }
}
