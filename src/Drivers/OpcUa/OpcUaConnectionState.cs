namespace Proxus.Drivers.OpcUa;

/// <summary>Where an <see cref="OpcUaClient"/> stands.</summary>
public enum OpcUaConnectionState
{
    Connected,
    Reconnecting,
    Closed,
}
