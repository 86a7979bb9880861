using System.Collections.Concurrent;
using Proxus.Server.Configuration;

namespace Proxus.Server.Tests.Support;

/// <summary>Stands in for the MQTT side: records the configurations it is told about.</summary>
public sealed class RecordingConfigChangeNotifier : IConfigChangeNotifier
{
    public ConcurrentQueue<IssuedAgentConfig> Issued { get; } = new();

    public Task ConfigurationIssuedAsync(IssuedAgentConfig issued, CancellationToken cancellationToken)
    {
        Issued.Enqueue(issued);
        return Task.CompletedTask;
    }
}
