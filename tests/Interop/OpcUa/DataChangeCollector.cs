using System.Collections.Concurrent;
using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

/// <summary>Drains a subscription's data changes in the background and keeps them per node.</summary>
public sealed class DataChangeCollector : IAsyncDisposable
{
    private readonly ConcurrentDictionary<NodeId, ConcurrentQueue<DataValue>> _values = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drain;
    private long _count;

    public DataChangeCollector(OpcUaSubscription subscription)
    {
        _drain = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in subscription.Changes.ReadAllAsync(_stop.Token))
                {
                    _values.GetOrAdd(change.Item.NodeId, _ => new ConcurrentQueue<DataValue>()).Enqueue(change.Value);
                    Interlocked.Increment(ref _count);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        });
    }

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyList<DataValue> ValuesOf(NodeId nodeId) => _values.TryGetValue(nodeId, out var queue) ? [.. queue] : [];

    public IReadOnlyCollection<NodeId> Nodes => [.. _values.Keys];

    /// <summary>Waits (bounded) until the condition holds.</summary>
    public async Task WaitUntilAsync(Func<DataChangeCollector, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}; {Count} changes collected.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _drain;
        _stop.Dispose();
    }
}
