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
    /// <summary>The taken messages waiting for their acknowledgement, in arrival order, held by value.</summary>
    private readonly Queue<InboundDelivery> _acknowledgementOrder = new();

    /// <summary>
    /// While indexed: the messages in <see cref="_acknowledgementOrder"/> not yet acknowledged. A message
    /// in the queue but not here was acknowledged out of order and waits for those before it.
    /// </summary>
    private readonly HashSet<MqttApplicationMessage> _unacknowledgedIndex = new(ReferenceEqualityComparer.Instance);
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
            bool found;
            if (_acknowledgementOrder.TryPeek(out var oldest) && ReferenceEquals(oldest.Message, message))
            {
                // In order: the head never waits acknowledged (it would have left), so this is its first acknowledgement.
                found = true;
                _acknowledgementOrder.Dequeue();
                if (_unacknowledgedIndexed)
                {
                    _unacknowledgedIndex.Remove(message);
                }

                AcknowledgeLocked(oldest);
            }
            else
            {
                found = _acknowledgementOrder.Count > 0 && IndexUnacknowledgedLocked().Remove(message);
            }

            // Sent under the lock so that concurrent callers cannot reorder the acknowledgements.
            while (_unacknowledgedIndexed && _acknowledgementOrder.TryPeek(out var head) && !_unacknowledgedIndex.Contains(head.Message))
            {
                _acknowledgementOrder.Dequeue();
                AcknowledgeLocked(head);
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

            _acknowledgementOrder.Enqueue(delivery);
            if (_unacknowledgedIndexed)
            {
                _unacknowledgedIndex.Add(delivery.Message);
            }
        }
    }

    /// <summary>A message leaves the arrival queue, once: its acknowledgement goes out and its payload back.</summary>
    private void AcknowledgeLocked(InboundDelivery delivery)
    {
        OnMessageTaken(delivery);
        delivery.Connection?.ReceivedPayloads?.Release(delivery.Message.Payload);
    }

    /// <summary>The index of the waiting messages, built from the arrival queue on the first acknowledgement out of order.</summary>
    private HashSet<MqttApplicationMessage> IndexUnacknowledgedLocked()
    {
        if (!_unacknowledgedIndexed)
        {
            // Until now only the head was ever acknowledged, and it left at once: every queued message waits.
            foreach (var delivery in _acknowledgementOrder)
            {
                _unacknowledgedIndex.Add(delivery.Message);
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
