using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Proxus.Mqtt.Broker;
using Proxus.Server.Api;

namespace Proxus.Server.Mqtt;

/// <summary>MQTT over WebSocket (MQTT 5.0 section 6): upgrade with subprotocol "mqtt", then the broker.</summary>
internal static class MqttWebSocketEndpoint
{
    public const string SubProtocol = "mqtt";

    public static async Task<Results<EmptyHttpResult, BadRequest<string>>> HandleAsync(HttpContext context, MqttBroker broker)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.BadRequest("MQTT over WebSocket needs a WebSocket upgrade.");
        }

        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.BadRequest("MQTT over WebSocket needs the subprotocol 'mqtt'.");
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol).ConfigureAwait(false);
        await using var transport = new WebSocketDuplexPipe(socket);
        var connection = context.Connection;
        var info = new MqttConnectionInfo
        {
            RemoteEndPoint = ClientAddress.Unmap(connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, connection.RemotePort) : null),
            Transport = "websocket",
            ClientCertificate = connection.ClientCertificate,
        };
        await broker.RunConnectionAsync(transport, info, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Empty;
    }
}
