namespace Proxus.Mqtt.Client;

/// <summary>Raised when an established connection ends, before any reconnect attempt.</summary>
public sealed class MqttClientDisconnectedEventArgs : EventArgs
{
    public MqttClientDisconnectedEventArgs(Exception? reason, bool willReconnect)
    {
        Reason = reason;
        WillReconnect = willReconnect;
    }

    /// <summary>Null for a disconnect the application asked for.</summary>
    public Exception? Reason { get; }

    public bool WillReconnect { get; }
}
