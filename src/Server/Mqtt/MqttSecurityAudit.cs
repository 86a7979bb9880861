using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Proxus.Mqtt.Broker;
using Proxus.Server.Api;
using Proxus.Server.Audit;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Takes MQTT authentication failures and ACL denials from places that cannot wait for the
/// database (the TLS certificate callback, the broker's denial hook) and appends them to the audit
/// log in the background, in order. The queue is bounded (<see cref="Capacity"/>): under a flood
/// the excess is counted and the count itself is audited (<c>mqtt.audit-dropped</c>), so a gap is
/// never silent and a flood cannot exhaust memory. Each event is also raised to security
/// monitoring (<see cref="ISecurityEventSink"/>), which never blocks either.
/// </summary>
internal sealed partial class MqttSecurityAudit(AuditLog auditLog, ISecurityEventSink monitoring, ILogger<MqttSecurityAudit> logger) : BackgroundService
{
    public const int Capacity = 1024;

    private readonly Channel<AuditEvent> _events = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _dropped;

    /// <summary>A refused certificate or CONNECT: at the TLS handshake (<paramref name="stage"/> "tls") or at CONNECT.</summary>
    public void AuthenticationFailed(string stage, string reason, EndPoint? remoteEndPoint, X509Certificate2? certificate, string? clientId, string transport)
    {
        var remote = ClientAddress.Unmap(remoteEndPoint)?.ToString() ?? ClientAddress.Unknown;
        var source = ClientAddress.Of(remoteEndPoint);
        var data = new Dictionary<string, string?>
        {
            ["stage"] = stage,
            ["reason"] = reason,
            ["remote"] = remote,
            ["transport"] = transport,
            ["clientId"] = clientId,
            ["subject"] = certificate?.Subject,
            ["issuer"] = certificate?.Issuer,
            ["serial"] = certificate?.SerialNumber,
            ["thumbprint"] = certificate?.GetCertHashString(HashAlgorithmName.SHA256),
        };
        var subject = certificate is null ? $"mqtt-client:{clientId ?? remote}" : $"certificate:{certificate.SerialNumber}";
        Enqueue(new AuditEvent(AuditEventTypes.MqttAuthenticationFailed, "anonymous@" + source, subject, data));
        var details = new Dictionary<string, string?> { ["stage"] = stage, ["reason"] = reason, ["transport"] = transport, [SecurityEventRules.ClientIdDetail] = clientId };
        monitoring.Raise(new SecurityEvent(SecurityEventType.AuthenticationFailed, subject, source, details));
        if (certificate is not null && reason == nameof(AgentCertificateRejection.Revoked))
        {
            monitoring.Raise(new SecurityEvent(SecurityEventType.RevokedCertificatePresented, subject, source, details));
        }
    }

    /// <summary>A PUBLISH, will or SUBSCRIBE filter the ACL refused.</summary>
    public void AclDenied(MqttDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        var actor = denial.Identity is MqttClientIdentity identity ? identity.Actor : "unknown@" + ClientAddress.Of(denial.RemoteEndPoint);
        var data = new Dictionary<string, string?>
        {
            ["kind"] = denial.Kind.ToString(),
            ["clientId"] = denial.ClientId,
            ["reasonCode"] = "0x" + ((byte)denial.ReasonCode).ToString("X2", CultureInfo.InvariantCulture),
            ["remote"] = ClientAddress.Unmap(denial.RemoteEndPoint)?.ToString(),
        };
        Enqueue(new AuditEvent(AuditEventTypes.MqttAclDenied, actor, $"topic:{denial.Topic}", data));
        monitoring.Raise(new SecurityEvent(SecurityEventType.AclDenied, actor, denial.RemoteEndPoint is IPEndPoint ip ? ClientAddress.Of(ip.Address) : null, new Dictionary<string, string?>(data) { ["topic"] = denial.Topic }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var auditEvent in _events.Reader.ReadAllAsync(stoppingToken))
            {
                await AppendAsync(auditEvent, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below, without the stopping token.
        }

        while (_events.Reader.TryRead(out var remaining))
        {
            await AppendAsync(remaining, CancellationToken.None);
        }
    }

    private void Enqueue(AuditEvent auditEvent)
    {
        if (!_events.Writer.TryWrite(auditEvent))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            LogDropped(logger, dropped);
            await TryAppendAsync(new AuditEvent(AuditEventTypes.MqttAuditDropped, "system", "mqtt", new Dictionary<string, string?> { ["count"] = dropped.ToString(CultureInfo.InvariantCulture) }), cancellationToken);
        }

        await TryAppendAsync(auditEvent, cancellationToken);
    }

    private async Task TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await auditLog.AppendAsync(auditEvent, cancellationToken);
        }
        catch (AuditUnavailableException e)
        {
            // Denials are enforced whether or not they can be recorded; the failure is logged.
            LogAppendFailed(logger, e, auditEvent.Type, auditEvent.Subject);
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "{Count} MQTT security events were not audited: the audit queue was full")]
    private static partial void LogDropped(ILogger logger, long count);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Could not audit {Type} for {Subject}")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string type, string subject);
}
