using Proxus.Agent.Buffering;
using Proxus.Agent.Uplink;

namespace Proxus.Agent.Tests.Support;

/// <summary>
/// A test double of the store-and-forward queue with the contract the uplink relies on: ordered
/// reads, out-of-order acknowledgements, rewind to the oldest unacknowledged record.
/// </summary>
public sealed class MemoryUplinkQueue : IUplinkQueue
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, byte[]> _records = [];
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _next = 1;
    private long _cursor = 1;

    public long Depth
    {
        get { lock (_gate) { return _records.Count; } }
    }

    public long Bytes
    {
        get { lock (_gate) { return _records.Values.Sum(record => (long)record.Length); } }
    }

    public long DroppedRecords => 0;

    public long CorruptRecords => 0;

    public long Enqueue(ReadOnlySpan<byte> record)
    {
        lock (_gate)
        {
            var sequence = _next++;
            _records.Add(sequence, record.ToArray());
            _signal.TrySetResult();
            return sequence;
        }
    }

    public long Enqueue(RecordBatch batch)
    {
        lock (_gate)
        {
            var first = _next;
            for (var i = 0; i < batch.Count; i++)
            {
                Enqueue(batch[i].Span);
            }

            return batch.Count == 0 ? 0 : first;
        }
    }

    public bool TryReadNext(out long sequence, out ReadOnlyMemory<byte> record)
    {
        lock (_gate)
        {
            foreach (var (candidate, bytes) in _records)
            {
                if (candidate >= _cursor)
                {
                    _cursor = candidate + 1;
                    sequence = candidate;
                    record = bytes;
                    return true;
                }
            }

            if (_signal.Task.IsCompleted)
            {
                _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            sequence = 0;
            record = default;
            return false;
        }
    }

    public void Acknowledge(long sequence)
    {
        lock (_gate)
        {
            _records.Remove(sequence);
        }
    }

    public void Rewind()
    {
        lock (_gate)
        {
            _cursor = _records.Count == 0 ? _next : _records.Keys.First();
        }
    }

    public async ValueTask WaitForRecordsAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            if (_records.Keys.Any(key => key >= _cursor))
            {
                return;
            }

            signal = _signal.Task;
        }

        await signal.WaitAsync(cancellationToken);
    }
}
