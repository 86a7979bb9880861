using Microsoft.AspNetCore.Components;
using Proxus.Web.Components.Shared;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Dashboard;

/// <summary>The fleet at a glance, refreshed every few seconds in the browser (a live region): sites with problems first.</summary>
public sealed partial class Dashboard
{
    private IReadOnlyList<SiteView>? _sites;
    private DateTimeOffset _now;

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "passwordChanged")]
    private bool PasswordChanged { get; set; }

    private int AgentCount => _sites?.Sum(s => s.Agents.Count) ?? 0;

    private IEnumerable<AgentView> Agents => (_sites ?? []).SelectMany(s => s.Agents);

    private int OnlineCount => Agents.Count(a => a.Health?.IsOnline == true);

    private double PointsPerSecond => Agents.Where(a => a.Health?.IsOnline == true).Sum(a => a.Health!.PointsPerSecond);

    private long BufferDepth => Agents.Sum(a => a.Health?.BufferDepth ?? 0);

    private int EnrolledCount => _sites?.Sum(s => s.Agents.Count(a => a.CertificateExpiresAt > _now)) ?? 0;

    private int WarningCount => _sites?.Sum(s => s.Agents.Count(a => a.CertificateExpiresAt is { } e && e - _now <= CertificateBadge.WarningWindow)) ?? 0;

    /// <summary>Sites with problems first: the most severe problems (red), then warnings, then by name.</summary>
    private IEnumerable<SiteView> OrderedSites => (_sites ?? [])
        .OrderByDescending(s => Problems(s).Count(p => p.Css == "badge-bad"))
        .ThenByDescending(s => Problems(s).Count(p => p.Css == "badge-warn"))
        .ThenByDescending(s => Problems(s).Count)
        .ThenBy(s => s.Name, StringComparer.CurrentCulture);

    protected override async Task OnInitializedAsync()
    {
        await CallAsync(async caller =>
        {
            _sites = await Fleet.ListSitesAsync(caller, CancellationToken.None);
            _now = Clock.GetUtcNow();
            Errors = [];
        });
    }

    private List<(string Text, string Css)> Problems(SiteView site)
    {
        var problems = new List<(string, string)>();
        if (site.UnsPrefix is null)
        {
            problems.Add(("No UNS prefix: its agents publish no data", "badge-warn"));
        }

        var offline = site.Agents.Count(a => a.Health is { IsOnline: false });
        if (offline > 0)
        {
            problems.Add(($"{Plural.Of(offline, "agent", "agents")} offline", "badge-bad"));
        }

        var faulted = site.Agents.Sum(a => a.Health is { IsOnline: true } health ? health.Connections.Count(c => c.State == "Faulted") : 0);
        if (faulted > 0)
        {
            problems.Add(($"{Plural.Of(faulted, "device connection", "device connections")} faulted", "badge-bad"));
        }

        var buffering = site.Agents.Count(a => a.Health is { IsOnline: true, IsBuffering: true });
        if (buffering > 0)
        {
            problems.Add(($"{Plural.Of(buffering, "agent", "agents")} buffering", "badge-warn"));
        }

        var expired = site.Agents.Count(a => a.CertificateExpiresAt is { } e && e <= _now);
        if (expired > 0)
        {
            problems.Add(($"{Plural.Of(expired, "certificate", "certificates")} expired", "badge-bad"));
        }

        var expiring = site.Agents.Count(a => a.CertificateExpiresAt is { } e && e > _now && e - _now <= CertificateBadge.WarningWindow);
        if (expiring > 0)
        {
            problems.Add(($"{Plural.Of(expiring, "certificate", "certificates")} expiring", "badge-warn"));
        }

        var unenrolled = site.Agents.Count(a => a.CertificateExpiresAt is null);
        if (unenrolled > 0)
        {
            problems.Add(($"{Plural.Of(unenrolled, "agent", "agents")} not enrolled", "badge-neutral"));
        }

        return problems;
    }
}
