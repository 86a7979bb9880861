namespace Proxus.Mqtt.Client.Internal;

/// <summary>A received message waiting in the delivery channel, with what its acknowledgement needs.</summary>
internal readonly record struct InboundDelivery(MqttApplicationMessage Message, MqttClientConnection? Connection, ushort PacketId, long Epoch);
