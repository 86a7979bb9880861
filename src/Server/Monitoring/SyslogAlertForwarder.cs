using Microsoft.Extensions.Options;

namespace Proxus.Server.Monitoring;

/// <summary>Forwards each new alert as an RFC 5424 message (MSGID <c>ALERT</c>) through <see cref="SyslogClient"/>.</summary>
internal sealed class SyslogAlertForwarder(SyslogClient client, IOptions<MonitoringOptions> options, ILogger<SyslogAlertForwarder> logger)
    : AlertForwarder(logger)
{
    protected override string Name => "syslog";

    protected override bool IsEnabled => options.Value.Syslog.IsEnabled;

    protected override int MaxAttempts => 8;

    protected override TimeSpan InitialBackoff => TimeSpan.FromSeconds(1);

    protected override TimeSpan MaxBackoff => TimeSpan.FromMinutes(1);

    protected override Task SendAsync(Alert alert, CancellationToken cancellationToken)
        => client.SendAsync(AlertMessages.ToSyslog(alert), cancellationToken);
}
