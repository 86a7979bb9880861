using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>
/// A known-good packet: its bytes, hand-assembled from the specification, and what they mean.
/// <paramref name="Canonical"/> is false for accepted encodings that our encoder writes shorter
/// (e.g. a 5.0 PUBACK with an explicit Success and an empty property block).
/// </summary>
public sealed record MqttVector(string Name, MqttProtocolVersion Version, string Hex, MqttPacket Packet, bool Canonical = true)
{
    public byte[] Bytes => Codec.Hex(Hex);

    public override string ToString() => Name;
}
