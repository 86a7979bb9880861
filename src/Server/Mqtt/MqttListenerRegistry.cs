using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Proxus.Server.Mqtt;

/// <summary>The Kestrel endpoints that serve MQTT, recorded as they are configured (for readiness).</summary>
public sealed class MqttListenerRegistry
{
    private readonly List<(ListenOptions Listen, string Kind)> _listeners = [];

    /// <summary>Each endpoint as bound ("mqtt 127.0.0.1:1883"); a port requested as 0 shows the port the OS chose.</summary>
    public IReadOnlyList<string> Endpoints
    {
        get
        {
            lock (_listeners)
            {
                return [.. _listeners.Select(l => $"{l.Kind} {l.Listen.EndPoint}")];
            }
        }
    }

    internal void Add(ListenOptions listen, string kind)
    {
        lock (_listeners)
        {
            _listeners.Add((listen, kind));
        }
    }
}
