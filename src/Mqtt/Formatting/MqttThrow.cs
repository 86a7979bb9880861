using System.Diagnostics.CodeAnalysis;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <summary>Throw helpers kept out of the hot paths so the callers stay small and inlinable.</summary>
internal static class MqttThrow
{
    [DoesNotReturn]
    public static void Malformed(string message) =>
        throw new MqttProtocolException(MqttReasonCode.MalformedPacket, message);

    [DoesNotReturn]
    public static void ProtocolError(string message) =>
        throw new MqttProtocolException(MqttReasonCode.ProtocolError, message);

    [DoesNotReturn]
    public static void Protocol(MqttReasonCode reasonCode, string message) =>
        throw new MqttProtocolException(reasonCode, message);

    [DoesNotReturn]
    public static void Truncated() =>
        throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "The packet ends before its fields do (remaining length too short).");

    [DoesNotReturn]
    public static void CannotEncode(string message) =>
        throw new ArgumentException(message);
}
