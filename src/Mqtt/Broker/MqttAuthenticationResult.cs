using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>The authentication hook's answer: an identity to attach to the session, or a CONNACK reason code.</summary>
public sealed class MqttAuthenticationResult
{
    private MqttAuthenticationResult(bool accepted, object? identity, MqttReasonCode reasonCode)
    {
        IsAccepted = accepted;
        Identity = identity;
        ReasonCode = reasonCode;
    }

    public bool IsAccepted { get; }

    /// <summary>Opaque to the broker; handed back to the authorization hooks and matched by <see cref="MqttBroker.DisconnectIdentity"/>.</summary>
    public object? Identity { get; }

    public MqttReasonCode ReasonCode { get; }

    public static MqttAuthenticationResult Accept(object identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new MqttAuthenticationResult(true, identity, MqttReasonCode.Success);
    }

    /// <summary>Refuses with a CONNACK reason code of 0x80 or above (0x86 bad credentials, 0x87 not authorized, ...).</summary>
    public static MqttAuthenticationResult Reject(MqttReasonCode reasonCode)
    {
        if ((byte)reasonCode < 0x80)
        {
            throw new ArgumentOutOfRangeException(nameof(reasonCode), reasonCode, "A refusal needs a failure reason code (0x80 or above).");
        }

        return new MqttAuthenticationResult(false, null, reasonCode);
    }
}
