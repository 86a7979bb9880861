using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;

namespace Proxus.Server.Mqtt;

/// <summary>
/// The server's broker hooks until the identity service plugs in: a client is who its certificate
/// (validated against the configured CA by the TLS endpoint) says; without one it is refused unless
/// anonymous access is allowed for development. An authenticated client may publish and subscribe
/// anywhere (per-identity ACLs come with the identity service). Every denial is logged.
/// </summary>
public sealed partial class ProxusMqttHooks : IMqttBrokerHooks
{
    private readonly IOptions<MqttServerOptions> _options;
    private readonly ILogger<ProxusMqttHooks> _logger;

    public ProxusMqttHooks(IOptions<MqttServerOptions> options, ILogger<ProxusMqttHooks> logger)
    {
        _options = options;
        _logger = logger;
    }

    public ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ClientCertificate is { } certificate)
        {
            var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            return ValueTask.FromResult(MqttAuthenticationResult.Accept(new MqttClientIdentity(MqttClientIdentity.CertificateKind, name, thumbprint)));
        }

        if (_options.Value.AllowAnonymous)
        {
            return ValueTask.FromResult(MqttAuthenticationResult.Accept(new MqttClientIdentity(MqttClientIdentity.AnonymousKind, context.ClientId, null)));
        }

        // No user store yet: credentials cannot be checked, so they are refused as bad.
        var presentedCredentials = !string.IsNullOrEmpty(context.Username) || context.Password is { IsEmpty: false };
        return ValueTask.FromResult(MqttAuthenticationResult.Reject(presentedCredentials ? MqttReasonCode.BadUserNameOrPassword : MqttReasonCode.NotAuthorized));
    }

    public ValueTask<bool> AuthorizePublishAsync(MqttPublishAuthorizationContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(context?.Identity is MqttClientIdentity);

    public ValueTask<bool> AuthorizeSubscribeAsync(MqttSubscribeAuthorizationContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(context?.Identity is MqttClientIdentity);

    public void OnDenied(MqttDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        Denied(_logger, denial.Kind, denial.ClientId, denial.Topic, denial.ReasonCode, denial.RemoteEndPoint?.ToString());
    }

    [LoggerMessage(3001, LogLevel.Warning, "MQTT {Kind} denied for {ClientId} ({Topic}) with {ReasonCode} from {RemoteEndPoint}")]
    private static partial void Denied(ILogger logger, MqttDenialKind kind, string clientId, string? topic, MqttReasonCode reasonCode, string? remoteEndPoint);
}
