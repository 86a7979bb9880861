using System.Collections.Concurrent;
using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Support;

/// <summary>Keeps every security event raised to it, as raised (before the alert engine stamps or normalizes anything).</summary>
public sealed class RecordingSecurityEventSink : ISecurityEventSink
{
    private readonly ConcurrentQueue<SecurityEvent> _events = new();

    public IReadOnlyCollection<SecurityEvent> Events => [.. _events];

    public void Raise(SecurityEvent securityEvent) => _events.Enqueue(securityEvent);
}
