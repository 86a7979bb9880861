using Proxus.Mqtt.Broker;

namespace Proxus.Server.Mqtt;

/// <summary>The server's MQTT configuration, section <c>Mqtt</c>.</summary>
public sealed class MqttServerOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>Plain MQTT over TCP for development, bound to 127.0.0.1 only; 0 turns it off.</summary>
    public int Port { get; set; }

    /// <summary>MQTT over TLS 1.3 with a required client certificate issued by our CA; 0 turns it off.</summary>
    public int TlsPort { get; set; } = 8883;

    public MqttTlsOptions Tls { get; set; } = new();

    /// <summary>Path of MQTT over WebSocket (subprotocol "mqtt") on the HTTP endpoints; empty turns it off.</summary>
    public string WebSocketPath { get; set; } = "/mqtt";

    /// <summary>Development only: clients without a certificate (plain TCP, WebSocket) are accepted with full access.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Where retained messages and persistent sessions are kept; empty keeps them in memory only.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "proxus", "mqtt");

    /// <summary>Engine limits (section <c>Mqtt:Broker</c>).</summary>
    public MqttBrokerOptions Broker { get; set; } = new();

    public bool IsTlsEnabled => TlsPort > 0;
}
