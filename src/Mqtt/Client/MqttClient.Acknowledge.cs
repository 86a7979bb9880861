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
public sealed partial class MqttClient
{
    private readonly Dictionary<MqttApplicationMessage, PendingAcknowledgement> _unacknowledged = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<PendingAcknowledgement> _acknowledgementOrder = new();

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
            if (!_unacknowledged.Remove(message, out var pending))
            {
                return false;
            }

            pending.Acknowledged = true;

            // Sent under the lock so that concurrent callers cannot reorder the acknowledgements.
            while (_acknowledgementOrder.TryPeek(out var head) && head.Acknowledged)
            {
                _acknowledgementOrder.Dequeue();
                OnMessageTaken(head.Delivery);
            }

            return true;
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
            _unacknowledged.Add(delivery.Message, pending);
            _acknowledgementOrder.Enqueue(pending);
        }
    }

    private void ForgetUnacknowledgedLocked()
    {
        _unacknowledged.Clear();
        _acknowledgementOrder.Clear();
    }
}
