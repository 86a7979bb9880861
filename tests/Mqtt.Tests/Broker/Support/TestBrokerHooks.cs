using System.Collections.Concurrent;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Broker.Support;

/// <summary>Hooks whose decisions a test sets; every denial is recorded.</summary>
public sealed class TestBrokerHooks : IMqttBrokerHooks
{
    public Func<MqttAuthenticationContext, MqttAuthenticationResult> Authenticate { get; set; } = c => MqttAuthenticationResult.Accept(c.Username ?? c.ClientId);

    public Func<MqttPublishAuthorizationContext, bool> AuthorizePublish { get; set; } = _ => true;

    public Func<MqttSubscribeAuthorizationContext, bool> AuthorizeSubscribe { get; set; } = _ => true;

    public ConcurrentQueue<MqttDenial> Denials { get; } = new();

    public ConcurrentQueue<MqttAuthenticationContext> Authentications { get; } = new();

    /// <summary>How long authentication takes (e.g. an identity lookup on a loaded machine).</summary>
    public TimeSpan AuthenticationDelay { get; set; }

    public async ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationContext context, CancellationToken cancellationToken)
    {
        Authentications.Enqueue(context);
        if (AuthenticationDelay > TimeSpan.Zero)
        {
            await Task.Delay(AuthenticationDelay, cancellationToken);
        }

        return Authenticate(context);
    }

    public ValueTask<bool> AuthorizePublishAsync(MqttPublishAuthorizationContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(AuthorizePublish(context));

    public ValueTask<bool> AuthorizeSubscribeAsync(MqttSubscribeAuthorizationContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(AuthorizeSubscribe(context));

    public void OnDenied(MqttDenial denial) => Denials.Enqueue(denial);

    public static MqttAuthenticationResult Reject(MqttReasonCode code) => MqttAuthenticationResult.Reject(code);
}
