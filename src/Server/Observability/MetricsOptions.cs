namespace Proxus.Server.Observability;

/// <summary>The Prometheus endpoint (<c>Observability:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Observability:Metrics";

    /// <summary>The shortest scrape token accepted.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>False: no <c>/metrics</c> endpoint and no listener collecting measurements.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bearer token a scraper presents (<c>Authorization: Bearer ...</c>).</summary>
    public string? ScrapeToken { get; set; }

    /// <summary>Serve <c>/metrics</c> without a token (only for a scrape network nobody else reaches).</summary>
    public bool AllowAnonymous { get; set; }
}
