using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>
/// Outbound topic aliases for one connection (MQTT 5.0 section 3.3.2.3.4): the first
/// <c>maximum</c> distinct topics get an alias; the first PUBLISH of a topic carries topic and
/// alias, later ones the alias and an empty topic. Aliases are never reassigned, so a packet
/// that is resent later (always with its full topic) cannot be misread. Used only by the
/// connection's single writer, in wire order.
/// </summary>
internal sealed class TopicAliasAllocator
{
    private readonly Dictionary<string, ushort> _aliases = new(StringComparer.Ordinal);
    private readonly ushort _maximum;

    public TopicAliasAllocator(ushort maximum)
    {
        _maximum = maximum;
    }

    public PublishPacket Apply(PublishPacket packet)
    {
        if (_aliases.TryGetValue(packet.Topic, out var alias))
        {
            return packet with { Topic = string.Empty, TopicAlias = alias };
        }

        if (_aliases.Count < _maximum)
        {
            alias = (ushort)(_aliases.Count + 1);
            _aliases.Add(packet.Topic, alias);
            return packet with { TopicAlias = alias };
        }

        return packet;
    }
}
