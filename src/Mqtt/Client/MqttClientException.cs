using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>
/// A client operation failed. <see cref="Error"/> says what kind of failure; <see cref="ReasonCode"/>
/// carries the server's reason code when it sent one. A protocol violation by the server arrives as
/// the <see cref="Exception.InnerException"/> (<see cref="MqttProtocolException"/>) of
/// <see cref="MqttClientError.ConnectionLost"/>.
/// </summary>
public sealed class MqttClientException : Exception
{
    public MqttClientException(MqttClientError error, string message, MqttReasonCode? reasonCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        ReasonCode = reasonCode;
    }

    public MqttClientException()
        : this(MqttClientError.ConnectionLost, "The MQTT connection was lost.")
    {
    }

    public MqttClientException(string message)
        : this(MqttClientError.ConnectionLost, message)
    {
    }

    public MqttClientException(string message, Exception innerException)
        : this(MqttClientError.ConnectionLost, message, null, innerException)
    {
    }

    public MqttClientError Error { get; }

    public MqttReasonCode? ReasonCode { get; }
}
