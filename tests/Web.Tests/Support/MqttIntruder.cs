using System.Net.WebSockets;
using System.Text;

namespace Proxus.Web.Tests.Support;

/// <summary>
/// Someone guessing MQTT credentials: an MQTT 3.1.1 CONNECT with a user name and a wrong password
/// over the server's MQTT-over-WebSocket endpoint (<c>wss://…/mqtt</c>), the packet written by
/// hand (MQTT 3.1.1 section 3.1) so the test depends on no client of ours.
/// </summary>
public static class MqttIntruder
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends the CONNECT; returns the CONNACK's return code (0 accepted), or null when the server closed without one.</summary>
    public static async Task<byte?> ConnectAsync(Uri server, string clientId, string userName, string password)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("mqtt");
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        await socket.ConnectAsync(new Uri($"wss://{server.Authority}/mqtt"), timeout.Token);
        await socket.SendAsync(Connect(clientId, userName, password), WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);

        var buffer = new byte[16];
        var received = 0;
        while (received < 4)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
            }
            catch (WebSocketException)
            {
                return null; // the server dropped the connection after refusing it
            }

            if (result.MessageType == WebSocketMessageType.Close || result.Count == 0)
            {
                return null;
            }

            received += result.Count;
        }

        // CONNACK: type 2, remaining length 2, acknowledge flags, return code.
        buffer[0].Should().Be(0x20);
        buffer[1].Should().Be(2);
        return buffer[3];
    }

    private static byte[] Connect(string clientId, string userName, string password)
    {
        var body = new List<byte> { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0b1100_0010, 0, 30 };
        foreach (var text in (string[])[clientId, userName, password])
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            body.Add((byte)(bytes.Length >> 8));
            body.Add((byte)bytes.Length);
            body.AddRange(bytes);
        }

        body.Count.Should().BeLessThan(128, "a one-byte remaining length");
        return [0x10, (byte)body.Count, .. body];
    }
}
