namespace Proxus.Mqtt.Broker;

internal sealed partial class MqttSession
{
    private TaskCompletionSource? _drained;
    private int _drainedBelow;
    private bool _stalled;

    /// <summary>
    /// Completes once the messages queued behind the receive window fall to <paramref name="lowWater"/>,
    /// or at once when they already have, the client is offline, or it stopped acknowledging (stalled).
    /// Publishers await it so that a busy consumer slows them down (TCP back-pressure) instead of
    /// overflowing its bounded queue.
    /// </summary>
    public Task WhenQueueDrained(int lowWater)
    {
        lock (_gate)
        {
            if (_queued.Count <= lowWater || _stalled || IsDiscarded || _connection is null)
            {
                return Task.CompletedTask;
            }

            if (_drained is null)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _drainedBelow = lowWater;
            }
            else
            {
                _drainedBelow = Math.Max(_drainedBelow, lowWater);
            }

            return _drained.Task;
        }
    }

    /// <summary>
    /// Called by a publisher whose wait timed out: the client made no room in time, so publishers stop
    /// waiting (and the queue bound drops) until it acknowledges again.
    /// </summary>
    public void MarkStalled()
    {
        lock (_gate)
        {
            _stalled = true;
            ReleaseDrainWaitersLocked();
        }
    }

    /// <summary>Wakes the publishers waiting for room once the queue is short enough.</summary>
    private void SignalDrainedLocked()
    {
        if (_drained is not null && _queued.Count <= _drainedBelow)
        {
            ReleaseDrainWaitersLocked();
        }
    }

    private void ReleaseDrainWaitersLocked()
    {
        _drained?.TrySetResult();
        _drained = null;
    }
}
