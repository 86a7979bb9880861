using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Proxus.Mqtt.Broker;
using Proxus.Server.Api;

namespace Proxus.Server.Mqtt;

/// <summary>Hands each Kestrel connection of an MQTT endpoint (plain or TLS) to the broker.</summary>
public sealed class MqttConnectionHandler : ConnectionHandler
{
    private readonly MqttBroker _broker;

    public MqttConnectionHandler(MqttBroker broker)
    {
        _broker = broker;
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tls = connection.Features.Get<ITlsConnectionFeature>();
        var info = new MqttConnectionInfo
        {
            RemoteEndPoint = ClientAddress.Unmap(connection.RemoteEndPoint),
            Transport = tls is null ? "tcp" : "tls",
            ClientCertificate = tls?.ClientCertificate,
        };

        // Kestrel asks connections to close on shutdown through this token; the broker then sends
        // DISCONNECT Server shutting down (5.0) before the transport goes.
        var closing = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? connection.ConnectionClosed;
        await _broker.RunConnectionAsync(connection.Transport, info, closing).ConfigureAwait(false);
    }
}
