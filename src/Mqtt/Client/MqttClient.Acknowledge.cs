using Proxus.Mqtt.Client.Internal;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>
/// Manual acknowledgement (<see cref="MqttClientOptions.ManualAcknowledgement"/>): a taken QoS 1/2
/// message waits here until the application acknowledges it; acknowledgements leave in arrival
/// order. At most the server's in-flight window (our Receive Maximum) of messages can wait, so this
/// is bounded by the protocol. Messages of a connection that has ended are forgotten: the server
/// delivers them again (DUP) on the next connection, or the session is gone.
/// </summary>
/// <remarks>
/// An application that acknowledges in arrival order (a pipeline that commits in order) always
/// acknowledges the oldest waiting message: that is found at the head of the arrival queue, with no
/// lookup. Only an acknowledgement out of order builds an index of the waiting messages by
/// reference, kept while any message waits and dropped once none does.
/// </remarks>
public sealed partial class MqttClient
{
    private readonly Queue<PendingAcknowledgement> _acknowledgementOrder = new();
    private readonly Dictionary<MqttApplicationMessage, PendingAcknowledgement> _unacknowledgedIndex = new(ReferenceEqualityComparer.Instance);
    private bool _unacknowledgedIndexed;

    /// <summary>
    /// Acknowledges a message taken from <see cref="Messages"/> (manual acknowledgement only): sends
    /// PUBACK (QoS 1) or PUBREC (QoS 2) once every message received before it is acknowledged too.
    /// </summary>
    /// <returns>
    /// False when there is nothing to acknowledge: QoS 0, already acknowledged, or received on a
    /// connection that has ended since (the server will deliver it again).
    /// </returns>
    public bool Acknowledge(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_options.ManualAcknowledgement)
        {
            throw new InvalidOperationException("Messages are acknowledged when taken; set MqttClientOptions.ManualAcknowledgement to acknowledge them explicitly.");
        }

        lock (_gate)
        {
            var found = false;
            if (_acknowledgementOrder.TryPeek(out var oldest) && ReferenceEquals(oldest.Delivery.Message, message))
            {
                // In order: the head never waits acknowledged (it would have left), so this is its first acknowledgement.
                oldest.Acknowledged = found = true;
                if (_unacknowledgedIndexed)
                {
                    _unacknowledgedIndex.Remove(message);
                }
            }
            else if (_acknowledgementOrder.Count > 0 && IndexUnacknowledgedLocked().Remove(message, out var pending))
            {
                pending.Acknowledged = found = true;
            }

            // Sent under the lock so that concurrent callers cannot reorder the acknowledgements.
            while (_acknowledgementOrder.TryPeek(out var head) && head.Acknowledged)
            {
                _acknowledgementOrder.Dequeue();
                OnMessageTaken(head.Delivery);

                // Leaves the order queue once: its payload goes back exactly once.
                head.Delivery.Connection?.ReceivedPayloads?.Release(head.Delivery.Message.Payload);
            }

            if (_acknowledgementOrder.Count == 0)
            {
                ForgetUnacknowledgedIndexLocked();
            }

            return found;
        }
    }

    private void OnMessageTakenForManualAcknowledgement(InboundDelivery delivery)
    {
        if (delivery.Message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            return;
        }

        lock (_gate)
        {
            if (!ReferenceEquals(delivery.Connection, _connection))
            {
                // Its connection has ended: an acknowledgement could not reach the server any more.
                return;
            }

            var pending = new PendingAcknowledgement(delivery);
            _acknowledgementOrder.Enqueue(pending);
            if (_unacknowledgedIndexed)
            {
                _unacknowledgedIndex.Add(delivery.Message, pending);
            }
        }
    }

    /// <summary>The index of the waiting messages, built from the arrival queue on the first acknowledgement out of order.</summary>
    private Dictionary<MqttApplicationMessage, PendingAcknowledgement> IndexUnacknowledgedLocked()
    {
        if (!_unacknowledgedIndexed)
        {
            foreach (var pending in _acknowledgementOrder)
            {
                if (!pending.Acknowledged)
                {
                    _unacknowledgedIndex.Add(pending.Delivery.Message, pending);
                }
            }

            _unacknowledgedIndexed = true;
        }

        return _unacknowledgedIndex;
    }

    private void ForgetUnacknowledgedIndexLocked()
    {
        _unacknowledgedIndex.Clear();
        _unacknowledgedIndexed = false;
    }

    private void ForgetUnacknowledgedLocked()
    {
        _acknowledgementOrder.Clear();
        ForgetUnacknowledgedIndexLocked();
    }
}
