namespace Proxus.Mqtt.Client.Internal;

/// <summary>The life cycle of an <see cref="MqttClient"/> between ConnectAsync and DisconnectAsync.</summary>
internal enum ClientState
{
    /// <summary>Not started, or stopped (DisconnectAsync, or the connection was lost without reconnect).</summary>
    Idle,

    /// <summary>The first ConnectAsync is in progress.</summary>
    Connecting,

    /// <summary>Started: connected, or reconnecting in the background.</summary>
    Running,

    /// <summary>DisconnectAsync is in progress.</summary>
    Stopping,
}
