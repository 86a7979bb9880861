namespace Proxus.Mqtt.Client.Internal;

/// <summary>A message taken by the application and waiting for its manual acknowledgement.</summary>
internal sealed class PendingAcknowledgement(InboundDelivery delivery)
{
    public InboundDelivery Delivery { get; } = delivery;

    /// <summary>The application acknowledged it; it leaves once all before it have too.</summary>
    public bool Acknowledged { get; set; }
}
