using Proxus.Mqtt.Client;

namespace Proxus.Agent.Uplink;

/// <summary>How the agent talks to the broker.</summary>
public sealed record UplinkOptions
{
    /// <summary>
    /// Queued messages published and not yet acknowledged, at most (the window of the drain; the
    /// broker's Receive Maximum caps it further). The drain's throughput is this window per round
    /// trip: 1,024 keeps 10,000 messages/s flowing with round trips up to 100 ms.
    /// </summary>
    public int MaxInflight { get; init; } = 1024;

    /// <summary>How long the broker keeps the agent's session (and its QoS 1 state) after a disconnect.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds the TLS handshake plus CONNECT/CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Exponential backoff with jitter between connection attempts.</summary>
    public MqttReconnectOptions Reconnect { get; init; } = new() { InitialDelay = TimeSpan.FromMilliseconds(500), MaximumDelay = TimeSpan.FromSeconds(60) };
}
