using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Monitoring;

/// <summary>
/// POSTs each new alert as JSON to the configured URL, signed (<see cref="WebhookSignature"/>) afresh
/// at every attempt; any status outside 2xx, a timeout or a network error is retried with backoff.
/// </summary>
internal sealed class WebhookAlertForwarder : AlertForwarder
{
    private readonly IOptions<MonitoringOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient _http;

    public WebhookAlertForwarder(IOptions<MonitoringOptions> options, TimeProvider timeProvider, ILogger<WebhookAlertForwarder> logger)
        : base(logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        Clock = timeProvider;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.Value.Webhook.Timeout,
        };
    }

    protected override string Name => "webhook";

    protected override bool IsEnabled => Webhook.IsEnabled;

    protected override int MaxAttempts => Webhook.MaxAttempts;

    protected override TimeSpan InitialBackoff => Webhook.InitialBackoff;

    protected override TimeSpan MaxBackoff => Webhook.MaxBackoff;

    private WebhookOptions Webhook => _options.Value.Webhook;

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        var body = AlertMessages.ToWebhookBody(alert);
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, Webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(Webhook.Secret!, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, alert.Id.ToString("D"));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }
}
