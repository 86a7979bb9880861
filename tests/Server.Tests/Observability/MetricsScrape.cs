using System.Globalization;
using System.Net.Http.Headers;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Observability;

/// <summary>Scrapes <c>/metrics</c> with the test scrape token and reads single samples out of the exposition.</summary>
internal static class MetricsScrape
{
    public static async Task<string> ScrapeAsync(TrustWebHost server)
    {
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TrustWebHost.ScrapeToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await client.GetStringAsync("/metrics", timeout.Token);
    }

    /// <summary>
    /// The value of the sample named exactly <paramref name="series"/> (the metric name and its labels as
    /// rendered, sorted by name: <c>name{a="1",b="2"}</c>), or 0 when the exposition has none.
    /// </summary>
    public static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
