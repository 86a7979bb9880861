using System.Globalization;
using Microsoft.Extensions.Options;
using Proxus.Server.Audit;
using Proxus.Server.Pki;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Sends the signed audit head (<see cref="AuditHeadStore"/>) to syslog every
/// <see cref="SyslogOptions.AuditHeadInterval"/> (MSGID <c>AUDIT-HEAD</c>), so that a system outside
/// the server holds tamper evidence: a later chain shorter than, or different from, a head it
/// received proves entries were removed or changed. The first is sent at start. Each message carries
/// the audit-signing public key (SubjectPublicKeyInfo, base64) for the collector to pin at first
/// sight: a later message with another key is itself a finding.
/// </summary>
internal sealed partial class AuditHeadSyslogExporter(
    SyslogClient client,
    AuditHeadStore heads,
    CertificateAuthority authority,
    IOptions<MonitoringOptions> options,
    TimeProvider timeProvider,
    ILogger<AuditHeadSyslogExporter> logger) : BackgroundService
{
    public const string ElementId = "proxusAuditHead" + SyslogFormatter.EnterpriseSuffix;

    public static SyslogMessage ToSyslog(SignedAuditHead head, string publicKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(head);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("sequence", head.Sequence.ToString(CultureInfo.InvariantCulture)),
            new("hash", head.Hash),
            new("timestamp", head.Timestamp.ToString("O", CultureInfo.InvariantCulture)),
            new("signature", head.Signature),
            new("algorithm", "ECDSA-P256-SHA256-P1363"),
            new("publicKey", publicKey),
        };
        return new SyslogMessage(6, now, "AUDIT-HEAD", [new SyslogStructuredElement(ElementId, parameters)], $"audit chain head at sequence {head.Sequence}");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var syslog = options.Value.Syslog;
        if (!syslog.IsEnabled || syslog.AuditHeadInterval == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(syslog.AuditHeadInterval, timeProvider);
        try
        {
            do
            {
                await ExportAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ExportAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await heads.ReadAsync(cancellationToken) is { } head)
            {
                var publicKey = Convert.ToBase64String(authority.AuditSigningKey.ExportSubjectPublicKeyInfo());
                await client.SendAsync(ToSyslog(head, publicKey, timeProvider.GetUtcNow()), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next interval tries again; the head file itself is unaffected.
            LogExportFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "Sending the signed audit head to syslog failed; the next interval retries")]
    private static partial void LogExportFailed(ILogger logger, Exception exception);
}
