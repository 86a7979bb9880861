using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>
/// The application's view of the delivery channel. Taking a message is what acknowledges it:
/// PUBACK (QoS 1) and PUBREC (QoS 2) are sent only when the message leaves this reader, in the
/// order the messages arrived (MQTT 5.0 section 4.6), so the server never hears "delivered" for
/// a message still sitting in our buffer.
/// </summary>
internal sealed class AcknowledgingMessageReader : ChannelReader<MqttApplicationMessage>
{
    private readonly ChannelReader<InboundDelivery> _inner;
    private readonly Action<InboundDelivery> _onTaken;
    private readonly object _gate = new();

    public AcknowledgingMessageReader(ChannelReader<InboundDelivery> inner, Action<InboundDelivery> onTaken)
    {
        _inner = inner;
        _onTaken = onTaken;
    }

    public override Task Completion => _inner.Completion;

    public override bool CanCount => _inner.CanCount;

    public override bool CanPeek => _inner.CanPeek;

    public override int Count => _inner.Count;

    public override bool TryRead([MaybeNullWhen(false)] out MqttApplicationMessage item)
    {
        lock (_gate)
        {
            if (!_inner.TryRead(out var delivery))
            {
                item = null;
                return false;
            }

            _onTaken(delivery);
            item = delivery.Message;
            return true;
        }
    }

    public override bool TryPeek([MaybeNullWhen(false)] out MqttApplicationMessage item)
    {
        if (_inner.TryPeek(out var delivery))
        {
            item = delivery.Message;
            return true;
        }

        item = null;
        return false;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
        => _inner.WaitToReadAsync(cancellationToken);
}
