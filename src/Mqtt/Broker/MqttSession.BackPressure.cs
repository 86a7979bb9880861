namespace Proxus.Mqtt.Broker;

internal sealed partial class MqttSession
{
    private TaskCompletionSource? _drained;
    private int _drainedBelow;
    private bool _stalled;
    private long _acknowledged;

    /// <summary>QoS 1/2 deliveries the client completed (PUBACK, PUBCOMP); read without the lock, as a progress mark.</summary>
    public long AcknowledgedCount => Volatile.Read(ref _acknowledged);

    /// <summary>
    /// True when publishers should wait for this session before routing to it: it is connected, has not
    /// stalled, and at least <paramref name="highWater"/> messages wait behind its receive window. Read
    /// without the lock: a hint that a publisher re-checks after waiting.
    /// </summary>
    public bool IsBacklogged(int highWater) => _isConnected && !Volatile.Read(ref _stalled) && _queued.Count >= highWater;

    /// <summary>
    /// Completes once the messages queued behind the receive window fall to <paramref name="lowWater"/>,
    /// or at once when they already have, the client is offline, or it stalled. Publishers await it so
    /// that a busy consumer slows them down (TCP back-pressure) instead of overflowing its bounded queue.
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
    /// Called by a publisher whose wait timed out: marks the session stalled when the client completed
    /// no delivery since <paramref name="acknowledgedBefore"/> (a client that acknowledges slowly is slow,
    /// not stalled). Nobody waits for a stalled session until it acknowledges again; meanwhile its queue
    /// bound drops messages. False when the client made progress: the publisher keeps waiting.
    /// </summary>
    /// <param name="acknowledgedBefore">The <see cref="AcknowledgedCount"/> when the wait began.</param>
    /// <param name="newly">True for the one caller that turned the session stalled.</param>
    public bool TryMarkStalled(long acknowledgedBefore, out bool newly)
    {
        lock (_gate)
        {
            newly = false;
            if (_acknowledged != acknowledgedBefore)
            {
                return false;
            }

            if (!_stalled)
            {
                newly = true;
                Volatile.Write(ref _stalled, true);
                ReleaseDrainWaitersLocked();
            }

            return true;
        }
    }

    /// <summary>A delivery completed: the client is making progress, so it is not stalled.</summary>
    private void OnAcknowledgedLocked()
    {
        Volatile.Write(ref _acknowledged, _acknowledged + 1);
        Volatile.Write(ref _stalled, false);
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
