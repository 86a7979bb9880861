namespace Proxus.Mqtt.Client;

/// <summary>Why an <see cref="MqttClientException"/> was raised.</summary>
public enum MqttClientError
{
    /// <summary>The transport could not be opened (refused, DNS, TLS handshake, WebSocket upgrade).</summary>
    TransportFailed,

    /// <summary>The server answered CONNECT with a failure reason code.</summary>
    ConnectRefused,

    /// <summary>No CONNACK, SUBACK or UNSUBACK within <see cref="MqttClientOptions.ConnectTimeout"/>.</summary>
    Timeout,

    /// <summary>The connection ended while the operation waited (see the inner exception for why).</summary>
    ConnectionLost,

    /// <summary>The operation needs a connection and the client has none.</summary>
    NotConnected,

    /// <summary>The server sent DISCONNECT (5.0); the reason code says why.</summary>
    ServerDisconnected,

    /// <summary>The packet exceeds the server's Maximum Packet Size (5.0 section 3.2.2.3.6).</summary>
    PacketTooLarge,

    /// <summary>The QoS or retain flag exceeds what the server announced in CONNACK.</summary>
    NotSupportedByServer,
}
