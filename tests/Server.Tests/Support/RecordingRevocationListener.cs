using System.Collections.Concurrent;
using Proxus.Server.Enrollment;

namespace Proxus.Server.Tests.Support;

/// <summary>Stands in for the broker: records the revocations it is told about.</summary>
public sealed class RecordingRevocationListener : ICertificateRevocationListener
{
    public ConcurrentQueue<(string Serial, Guid? AgentId)> Revoked { get; } = new();

    public Task OnRevokedAsync(string serialNumber, Guid? agentId, CancellationToken cancellationToken)
    {
        Revoked.Enqueue((serialNumber, agentId));
        return Task.CompletedTask;
    }
}
