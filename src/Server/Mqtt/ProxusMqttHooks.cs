using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Api;
using Proxus.Server.Data;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

namespace Proxus.Server.Mqtt;

/// <summary>
/// The server's broker hooks. A client with a certificate is the agent our CA issued it to
/// (<see cref="IAgentIdentityResolver"/>: chain, validity, serial register, revocation, site), must
/// use its agent id as client id, and gets the ACLs of <see cref="MqttAccessRules"/> with its site's
/// UNS prefix (its <see cref="Configuration.SiteNamespace"/>, read at CONNECT). The server's own
/// consumers present <see cref="ServerMqttCredentials"/> on their in-process connection. Enterprise
/// consumers (OAuth2 machine clients) authenticate with an access token or a client certificate of
/// theirs and are read-only on the UNS (<see cref="MachineClientAuthenticator"/>). MQTT 5 enhanced
/// authentication is not offered: a CONNECT naming an authentication method is refused with 0x8C.
/// Any other client without a certificate is refused unless <c>Mqtt:AllowAnonymous</c> is set
/// (development). Every refusal is logged and audited. Each PUBLISH an agent may send is counted
/// for security monitoring's publish-rate baseline (<see cref="PublishRateMonitor"/>).
/// </summary>
internal sealed partial class ProxusMqttHooks(
    IOptions<MqttServerOptions> options,
    ServerMqttCredentials serverCredentials,
    IAgentIdentityResolver resolver,
    MachineClientAuthenticator machineClients,
    IDbContextFactory<ProxusDbContext> contexts,
    MqttSecurityAudit audit,
    PublishRateMonitor publishRates,
    ILogger<ProxusMqttHooks> logger) : IMqttBrokerHooks
{
    public async ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (serverCredentials.Match(context))
        {
            // The server's ingest consumer acknowledges only after a batch committed, so it needs room
            // for several batches in flight; its own Receive Maximum (MqttConsumer:ReceiveMaximum) bounds it.
            return MqttAuthenticationResult.Accept(new ServerMqttIdentity(context.ClientId), ushort.MaxValue);
        }

        if (context.AuthenticationMethod is not null)
        {
            return Refuse(context, "AuthenticationMethodNotSupported", MqttReasonCode.BadAuthenticationMethod);
        }

        if (MachineClientAuthenticator.PresentsToken(context, out var tokenClientId))
        {
            return Conclude(context, await machineClients.AuthenticateTokenAsync(context, tokenClientId, cancellationToken));
        }

        if (context.ClientCertificate is not { } certificate)
        {
            if (options.Value.AllowAnonymous)
            {
                return MqttAuthenticationResult.Accept(new AnonymousMqttIdentity(context.ClientId, ClientAddress.Of(context.RemoteEndPoint)));
            }

            // There is no user store for MQTT: credentials cannot be checked, so they are refused as bad.
            var presentedCredentials = !string.IsNullOrEmpty(context.Username) || context.Password is { IsEmpty: false };
            return Refuse(context, presentedCredentials ? "CredentialsNotSupported" : "NoCertificate", presentedCredentials ? MqttReasonCode.BadUserNameOrPassword : MqttReasonCode.NotAuthorized);
        }

        var resolved = await resolver.ResolveAsync(certificate, cancellationToken);
        if (resolved.Rejection == AgentCertificateRejection.NoAgentIdentity)
        {
            return Conclude(context, await machineClients.AuthenticateCertificateAsync(context, cancellationToken));
        }

        if (!resolved.IsValid)
        {
            return Refuse(context, resolved.Rejection.ToString()!, MqttReasonCode.NotAuthorized);
        }

        var agent = resolved.Identity;
        if (!string.Equals(context.ClientId, agent.AgentId.ToString("D"), StringComparison.Ordinal))
        {
            // Refused before any session is opened: the agent whose id was claimed keeps its session.
            return Refuse(context, "ClientIdMismatch", MqttReasonCode.ClientIdentifierNotValid);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prefix = await db.SiteNamespaces.AsNoTracking().Where(ns => ns.SiteId == agent.SiteId)
            .Select(ns => ns.Enterprise + "/" + ns.Name).SingleOrDefaultAsync(cancellationToken);
        return MqttAuthenticationResult.Accept(new AgentMqttIdentity(agent.AgentId, agent.SiteId, prefix, agent.SerialNumber));
    }

    public ValueTask<bool> AuthorizePublishAsync(MqttPublishAuthorizationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var allowed = MqttAccessRules.MayPublish(context.Identity, context.Topic);
        if (allowed && !context.IsWill && context.Identity is AgentMqttIdentity agent)
        {
            publishRates.Count(agent.AgentId);
        }

        return ValueTask.FromResult(allowed);
    }

    public ValueTask<bool> AuthorizeSubscribeAsync(MqttSubscribeAuthorizationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(MqttAccessRules.MaySubscribe(context.Identity, context.MatchingFilter, context.ShareGroup));
    }

    public void OnDenied(MqttDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        LogDenied(logger, denial.Kind, denial.ClientId, (denial.Identity as MqttClientIdentity)?.Actor, denial.Topic, denial.ReasonCode, ClientAddress.Unmap(denial.RemoteEndPoint)?.ToString());

        // Refused CONNECTs are audited by AuthenticateAsync, which knows the certificate and the reason.
        if (denial.Kind != MqttDenialKind.Connect)
        {
            audit.AclDenied(denial);
        }
    }

    private MqttAuthenticationResult Conclude(MqttAuthenticationContext context, (MachineClientMqttIdentity? Identity, string? Failure, MqttReasonCode ReasonCode) outcome)
        => outcome.Identity is { } identity ? MqttAuthenticationResult.Accept(identity) : Refuse(context, outcome.Failure!, outcome.ReasonCode);

    private MqttAuthenticationResult Refuse(MqttAuthenticationContext context, string reason, MqttReasonCode reasonCode)
    {
        LogAuthenticationFailed(logger, context.ClientId, ClientAddress.Unmap(context.RemoteEndPoint)?.ToString(), reason, context.ClientCertificate?.Subject);
        audit.AuthenticationFailed("connect", reason, context.RemoteEndPoint, context.ClientCertificate, context.ClientId, context.Transport);
        return MqttAuthenticationResult.Reject(reasonCode);
    }

    [LoggerMessage(3001, LogLevel.Warning, "MQTT {Kind} denied for {ClientId} ({Actor}, {Topic}) with {ReasonCode} from {RemoteEndPoint}")]
    private static partial void LogDenied(ILogger logger, MqttDenialKind kind, string clientId, string? actor, string? topic, MqttReasonCode reasonCode, string? remoteEndPoint);

    [LoggerMessage(3003, LogLevel.Warning, "MQTT CONNECT of {ClientId} from {RemoteEndPoint} refused: {Reason} ({Subject})")]
    private static partial void LogAuthenticationFailed(ILogger logger, string clientId, string? remoteEndPoint, string reason, string? subject);
}
