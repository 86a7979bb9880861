using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>The authentication hook's answer: an identity to attach to the session, or a CONNACK reason code.</summary>
public sealed class MqttAuthenticationResult
{
    private MqttAuthenticationResult(bool accepted, object? identity, MqttReasonCode reasonCode, ushort? maximumInFlightMessages)
    {
        IsAccepted = accepted;
        Identity = identity;
        ReasonCode = reasonCode;
        MaximumInFlightMessages = maximumInFlightMessages;
    }

    public bool IsAccepted { get; }

    /// <summary>Opaque to the broker; handed back to the authorization hooks and matched by <see cref="MqttBroker.DisconnectIdentity"/>.</summary>
    public object? Identity { get; }

    public MqttReasonCode ReasonCode { get; }

    /// <summary>
    /// The cap on QoS 1/2 messages in flight to this client instead of
    /// <see cref="MqttBrokerOptions.MaximumInFlightMessages"/>; null keeps the broker's. The client's own
    /// Receive Maximum still bounds it (5.0 section 3.1.2.11.3).
    /// </summary>
    public ushort? MaximumInFlightMessages { get; }

    public static MqttAuthenticationResult Accept(object identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new MqttAuthenticationResult(true, identity, MqttReasonCode.Success, null);
    }

    /// <summary>
    /// Accepts a client trusted with a wider receive window than other clients, e.g. the host's own
    /// consumer that acknowledges only after a batch committed and so needs several batches in flight.
    /// </summary>
    public static MqttAuthenticationResult Accept(object identity, ushort maximumInFlightMessages)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentOutOfRangeException.ThrowIfZero(maximumInFlightMessages);
        return new MqttAuthenticationResult(true, identity, MqttReasonCode.Success, maximumInFlightMessages);
    }

    /// <summary>Refuses with a CONNACK reason code of 0x80 or above (0x86 bad credentials, 0x87 not authorized, ...).</summary>
    public static MqttAuthenticationResult Reject(MqttReasonCode reasonCode)
    {
        if ((byte)reasonCode < 0x80)
        {
            throw new ArgumentOutOfRangeException(nameof(reasonCode), reasonCode, "A refusal needs a failure reason code (0x80 or above).");
        }

        return new MqttAuthenticationResult(false, null, reasonCode, null);
    }
}
