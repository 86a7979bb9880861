namespace Proxus.Mqtt.Broker;

/// <summary>
/// Where identity and access control reach the broker. The broker knows nothing of users or
/// certificates: it asks these hooks and enforces their answers with the protocol's reason codes.
/// Hooks run on the connection's own read loop; an exception thrown by a hook is treated as a denial.
/// </summary>
public interface IMqttBrokerHooks
{
    /// <summary>Decides a CONNECT: accept with an identity, or refuse with a CONNACK reason code.</summary>
    ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationContext context, CancellationToken cancellationToken);

    /// <summary>Decides one PUBLISH (and the will of a CONNECT) from an authenticated client.</summary>
    ValueTask<bool> AuthorizePublishAsync(MqttPublishAuthorizationContext context, CancellationToken cancellationToken);

    /// <summary>Decides one topic filter of a SUBSCRIBE.</summary>
    ValueTask<bool> AuthorizeSubscribeAsync(MqttSubscribeAuthorizationContext context, CancellationToken cancellationToken);

    /// <summary>Told of every refusal (authentication, publish, will, subscribe), e.g. for an audit log.</summary>
    void OnDenied(MqttDenial denial);
}
