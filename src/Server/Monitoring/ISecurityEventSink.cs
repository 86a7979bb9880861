namespace Proxus.Server.Monitoring;

/// <summary>
/// Where any component reports a <see cref="SecurityEvent"/>. Raising never blocks and never throws:
/// events are queued (bounded) and turned into alerts in the background; under a flood the excess is
/// counted and logged, and the alert rules that count events fire long before the queue fills.
/// </summary>
public interface ISecurityEventSink
{
    void Raise(SecurityEvent securityEvent);
}
