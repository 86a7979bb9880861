using Proxus.Drivers.OpcUa;

namespace Proxus.Bench.OpcUa;

/// <summary>The application side of a subscription: takes every data change and looks at its value.</summary>
internal sealed class ChangeCounter
{
    private long _count;

    /// <summary>Data changes that carried a UInt32 value (the benchmark nodes' type).</summary>
    public long Count => Interlocked.Read(ref _count);

    public async Task DrainAsync(OpcUaSubscription subscription, CancellationToken cancellationToken)
    {
        var reader = subscription.Changes;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var change))
                {
                    // The value is read, as node-opcua's client hands every value over decoded.
                    if (change.Value.Value.Value is uint)
                    {
                        Interlocked.Increment(ref _count);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The measurement is over.
        }
    }
}
