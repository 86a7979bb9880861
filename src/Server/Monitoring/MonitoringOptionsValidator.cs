using System.Net;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Monitoring;

/// <summary>Refuses to start with monitoring settings that cannot work or would forward alerts insecurely.</summary>
internal sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public const int MinimumSecretLength = 32;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        var failures = new List<string>();
        Require(failures, options.EvaluationInterval >= TimeSpan.FromSeconds(1) && options.EvaluationInterval <= TimeSpan.FromHours(1), "Monitoring:EvaluationInterval must be 1 s..1 h.");
        ValidateRules(failures, options.Rules);
        ValidateSyslog(failures, options.Syslog);
        ValidateWebhook(failures, options.Webhook);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRules(List<string> failures, AlertRuleOptions rules)
    {
        foreach (var rule in rules.Disabled.Where(r => !AlertRules.All.Contains(r, StringComparer.Ordinal)))
        {
            failures.Add($"Monitoring:Rules:Disabled names an unknown rule '{rule}' (known: {string.Join(", ", AlertRules.All)}).");
        }

        Require(failures, rules.AuthenticationFailureThreshold is >= 1 and <= 10_000, "Monitoring:Rules:AuthenticationFailureThreshold must be 1..10000.");
        Require(failures, rules.AuthenticationFailureWindow > TimeSpan.Zero && rules.AuthenticationFailureWindow <= Day, "Monitoring:Rules:AuthenticationFailureWindow must be positive and at most a day.");
        Require(failures, rules.AclDenialThreshold is >= 1 and <= 10_000, "Monitoring:Rules:AclDenialThreshold must be 1..10000.");
        Require(failures, rules.AclDenialWindow > TimeSpan.Zero && rules.AclDenialWindow <= Day, "Monitoring:Rules:AclDenialWindow must be positive and at most a day.");
        Require(failures, rules.AgentOfflineAfter >= TimeSpan.FromSeconds(1) && rules.AgentOfflineAfter <= TimeSpan.FromDays(30), "Monitoring:Rules:AgentOfflineAfter must be 1 s..30 days.");
        Require(failures, rules.CertificateExpiryWarning > TimeSpan.Zero && rules.CertificateExpiryWarning <= TimeSpan.FromDays(365), "Monitoring:Rules:CertificateExpiryWarning must be positive and at most 365 days.");
        Require(failures, rules.RateSmoothing is > 0 and <= 1, "Monitoring:Rules:RateSmoothing must be in (0, 1].");
        Require(failures, rules.RateWarmupSamples is >= 1 and <= 10_000, "Monitoring:Rules:RateWarmupSamples must be 1..10000.");
        Require(failures, rules.RateFactor is > 1 and <= 1_000, "Monitoring:Rules:RateFactor must be greater than 1 and at most 1000.");
        Require(failures, rules.RateMinimumPerSecond is >= 0 and <= 1_000_000, "Monitoring:Rules:RateMinimumPerSecond must be 0..1000000.");
        Require(failures, rules.RateRelearnAfterSamples is >= 1 and <= 10_000, "Monitoring:Rules:RateRelearnAfterSamples must be 1..10000.");
    }

    private static void ValidateSyslog(List<string> failures, SyslogOptions syslog)
    {
        if (!syslog.IsEnabled)
        {
            return;
        }

        Require(failures, syslog.Port is >= 1 and <= 65_535, "Monitoring:Syslog:Port must be 1..65535.");
        Require(failures, syslog.Facility is >= 0 and <= 23, "Monitoring:Syslog:Facility must be 0..23.");
        Require(failures, IsPrintable(syslog.AppName, 48), "Monitoring:Syslog:AppName must be 1..48 printable US-ASCII characters without spaces.");
        Require(failures, syslog.Hostname is null || IsPrintable(syslog.Hostname, 255), "Monitoring:Syslog:Hostname must be 1..255 printable US-ASCII characters without spaces.");
        Require(failures, syslog.MaxDatagramBytes is >= 480 and <= 65_000, "Monitoring:Syslog:MaxDatagramBytes must be 480..65000.");
        Require(failures, syslog.ConnectTimeout > TimeSpan.Zero && syslog.ConnectTimeout <= TimeSpan.FromMinutes(5), "Monitoring:Syslog:ConnectTimeout must be positive and at most 5 minutes.");
        Require(failures, syslog.AuditHeadInterval == TimeSpan.Zero || (syslog.AuditHeadInterval >= TimeSpan.FromSeconds(1) && syslog.AuditHeadInterval <= Day), "Monitoring:Syslog:AuditHeadInterval must be zero (off) or 1 s..1 day.");
        Require(failures, syslog.Transport == SyslogTransport.Tls || (syslog.TrustedCaPath is null && syslog.ClientCertificatePath is null), "Monitoring:Syslog:TrustedCaPath and ClientCertificatePath apply to the Tls transport only.");
        Require(failures, syslog.TrustedCaPath is null || File.Exists(syslog.TrustedCaPath), "Monitoring:Syslog:TrustedCaPath names no file.");
        Require(failures, syslog.ClientCertificatePath is null || File.Exists(syslog.ClientCertificatePath), "Monitoring:Syslog:ClientCertificatePath names no file.");
    }

    private static void ValidateWebhook(List<string> failures, WebhookOptions webhook)
    {
        if (webhook.Url is not { } url)
        {
            return;
        }

        var loopback = url.IsAbsoluteUri && (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address)));
        Require(failures, url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && loopback)), "Monitoring:Webhook:Url must be an absolute https URL (plain http only to a loopback address).");
        Require(failures, webhook.Secret is { Length: >= MinimumSecretLength }, $"Monitoring:Webhook:Secret must have at least {MinimumSecretLength} characters.");
        Require(failures, webhook.MaxAttempts is >= 1 and <= 100, "Monitoring:Webhook:MaxAttempts must be 1..100.");
        Require(failures, webhook.InitialBackoff > TimeSpan.Zero && webhook.InitialBackoff <= webhook.MaxBackoff, "Monitoring:Webhook:InitialBackoff must be positive and at most MaxBackoff.");
        Require(failures, webhook.MaxBackoff <= TimeSpan.FromHours(1), "Monitoring:Webhook:MaxBackoff must be at most an hour.");
        Require(failures, webhook.Timeout > TimeSpan.Zero && webhook.Timeout <= TimeSpan.FromMinutes(5), "Monitoring:Webhook:Timeout must be positive and at most 5 minutes.");
    }

    private static bool IsPrintable(string? value, int maxLength)
        => value is { Length: > 0 } && value.Length <= maxLength && value.All(c => c is >= '!' and <= '~');

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
