namespace Proxus.Mqtt.Client.Internal;

/// <summary>
/// Send quota for QoS 1/2 publishes (MQTT 5.0 section 4.9): at most <c>limit</c> unacknowledged
/// messages, where the limit is the server's Receive Maximum and may change at every reconnect.
/// Waiters are served first come, first served so publishers keep their order.
/// </summary>
internal sealed class InflightQuota
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private int _used;
    private int _limit;
    private Exception? _failure;

    public InflightQuota(int limit)
    {
        _limit = limit;
    }

    public int Used
    {
        get { lock (_gate) { return _used; } }
    }

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return ValueTask.FromException(_failure);
            }

            if (_used < _limit && _waiters.Count == 0)
            {
                _used++;
                return ValueTask.CompletedTask;
            }

            node = _waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return new ValueTask(WaitAsync(node, cancellationToken));
    }

    public void Release()
    {
        lock (_gate)
        {
            _used--;
            GrantLocked();
        }
    }

    public void SetLimit(int limit)
    {
        lock (_gate)
        {
            _limit = limit;
            GrantLocked();
        }
    }

    /// <summary>Fails every waiter and every later acquisition (the client is gone for good).</summary>
    public void Fail(Exception failure)
    {
        lock (_gate)
        {
            _failure = failure;
            foreach (var waiter in _waiters)
            {
                waiter.TrySetException(failure);
            }

            _waiters.Clear();
        }
    }

    /// <summary>Accepts acquisitions again after <see cref="Fail"/> (a new ConnectAsync).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _failure = null;
        }
    }

    private async Task WaitAsync(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is null)
                {
                    return; // Granted or failed already.
                }

                _waiters.Remove(node);
            }

            node.Value.TrySetCanceled(cancellationToken);
        }).ConfigureAwait(false);
        await node.Value.Task.ConfigureAwait(false);
    }

    private void GrantLocked()
    {
        while (_used < _limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _used++;
            first.Value.TrySetResult();
        }
    }
}
