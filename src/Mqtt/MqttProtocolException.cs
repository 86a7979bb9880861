using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt;

/// <summary>
/// A peer broke the protocol. <see cref="ReasonCode"/> is what the connection is closed with
/// (DISCONNECT or CONNACK reason in 5.0; a plain close in 3.1.1).
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttProtocolException(MqttReasonCode reasonCode, string message)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    public MqttProtocolException()
        : this(MqttReasonCode.ProtocolError, "MQTT protocol error.")
    {
    }

    public MqttProtocolException(string message)
        : this(MqttReasonCode.ProtocolError, message)
    {
    }

    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        ReasonCode = MqttReasonCode.ProtocolError;
    }

    public MqttReasonCode ReasonCode { get; }
}
