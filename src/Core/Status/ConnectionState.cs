namespace Proxus.Core.Status;

/// <summary>The state of one device connection of an agent.</summary>
public enum ConnectionState
{
    /// <summary>Opening the connection or waiting to retry after a failure.</summary>
    Connecting,

    /// <summary>Connected and polling (or subscribed).</summary>
    Connected,

    /// <summary>The last attempt failed; <see cref="ConnectionHealth.LastError"/> says why.</summary>
    Faulted,
}
