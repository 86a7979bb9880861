using System.Globalization;
using System.Text.Json;

namespace Proxus.Server.Monitoring;

/// <summary>How an alert reads outside the server: the RFC 5424 message and the webhook's JSON body.</summary>
internal static class AlertMessages
{
    public const string AlertElementId = "proxusAlert" + SyslogFormatter.EnterpriseSuffix;
    public const string DetailsElementId = "proxusAlertDetails" + SyslogFormatter.EnterpriseSuffix;
    public const string RaisedEvent = "alert.raised";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>RFC 5424 severity: Low Notice (5), Medium Warning (4), High Error (3), Critical Critical (2).</summary>
    public static int SyslogSeverity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => 2,
        AlertSeverity.High => 3,
        AlertSeverity.Medium => 4,
        _ => 5,
    };

    public static SyslogMessage ToSyslog(Alert alert)
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("id", alert.Id.ToString("D")),
            new("rule", alert.Rule),
            new("severity", alert.Severity.ToString()),
            new("subject", alert.Subject),
            new("source", alert.Source),
            new("count", alert.Count.ToString(CultureInfo.InvariantCulture)),
            new("firstSeen", alert.FirstSeen.ToString("O", CultureInfo.InvariantCulture)),
        };
        var elements = new List<SyslogStructuredElement> { new(AlertElementId, parameters) };
        var details = Details(alert);
        if (details.Count > 0)
        {
            elements.Add(new SyslogStructuredElement(DetailsElementId, [.. details.Select(d => new KeyValuePair<string, string?>(d.Key, d.Value))]));
        }

        return new SyslogMessage(SyslogSeverity(alert.Severity), alert.FirstSeen, "ALERT", elements, alert.Summary);
    }

    public static byte[] ToWebhookBody(Alert alert)
    {
        var body = new WebhookBody(RaisedEvent, new WebhookAlert(
            alert.Id, alert.Rule, alert.Severity.ToString(), alert.State.ToString(), alert.Subject, alert.Source,
            alert.Summary, Details(alert), alert.Count, alert.FirstSeen, alert.LastSeen));
        return JsonSerializer.SerializeToUtf8Bytes(body, Json);
    }

    public static Dictionary<string, string?> Details(Alert alert)
        => JsonSerializer.Deserialize<Dictionary<string, string?>>(alert.Details) ?? [];

    private sealed record WebhookBody(string Event, WebhookAlert Alert);

    private sealed record WebhookAlert(
        Guid Id,
        string Rule,
        string Severity,
        string State,
        string Subject,
        string? Source,
        string Summary,
        Dictionary<string, string?> Details,
        long Count,
        DateTimeOffset FirstSeen,
        DateTimeOffset LastSeen);
}
