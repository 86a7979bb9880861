namespace Proxus.Server.Monitoring;

/// <summary>The signed webhook that alerts are POSTed to (section <c>Monitoring:Webhook</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>HTTPS URL (plain HTTP only to a loopback address); empty turns the webhook off.</summary>
    public Uri? Url { get; set; }

    /// <summary>The HMAC-SHA256 key shared with the receiver: at least 32 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>Attempts per alert (the first and the retries).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry; doubled after each failed attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsEnabled => Url is not null;
}
