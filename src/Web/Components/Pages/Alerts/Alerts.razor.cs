using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Components.Shared;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Alerts;

/// <summary>
/// The security alerts for Auditors and Admins: filter by state, severity, rule, site or agent and
/// time (a GET form, so a filtered view is a link), page through them, refreshed every 10 s; Admins
/// acknowledge an open alert with a comment (<c>?acknowledge=ID</c>, a confirmation step).
/// </summary>
public sealed partial class Alerts
{
    internal const int PageSize = 50;

    private AlertPage? _page;
    private AlertView? _acknowledging;
    private IReadOnlyList<SiteView> _sites = [];

    [Inject]
    private IAlertBoard Board { get; set; } = default!;

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "state")]
    private string? State { get; set; }

    [SupplyParameterFromQuery(Name = "severity")]
    private string? Severity { get; set; }

    [SupplyParameterFromQuery(Name = "rule")]
    private string? Rule { get; set; }

    /// <summary><c>site:ID</c> or <c>agent:ID</c>.</summary>
    [SupplyParameterFromQuery(Name = "scope")]
    private string? Scope { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    private string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    private string? ToText { get; set; }

    [SupplyParameterFromQuery(Name = "offset")]
    private int Offset { get; set; }

    [SupplyParameterFromQuery(Name = "acknowledge")]
    private Guid? AcknowledgeId { get; set; }

    [SupplyParameterFromQuery(Name = "acknowledged")]
    private bool Acknowledged { get; set; }

    [SupplyParameterFromForm(FormName = "acknowledge-alert")]
    private AcknowledgeInput? Input { get; set; }

    private DateTimeOffset? From => UtcInput.Parse(FromText);

    private DateTimeOffset? To => UtcInput.Parse(ToText);

    protected override void OnInitialized() => Input ??= new AcknowledgeInput();

    protected override async Task OnParametersSetAsync()
    {
        var caller = await CallerAsync();
        Offset = Math.Max(0, Offset);
        var errors = UtcInput.RangeErrors(FromText, ToText);
        var (site, agent) = ParseScope(Scope, errors);
        Errors = errors;
        try
        {
            _sites = await Fleet.ListSitesAsync(caller, CancellationToken.None);
            _acknowledging = AcknowledgeId is { } id ? await Board.GetAsync(caller, id, CancellationToken.None) : null;
            _page = errors.Count > 0
                ? new AlertPage([], false)
                : await Board.QueryAsync(caller, new AlertFilter(Rule, Severity, State, From, To, site, agent, Offset), PageSize, CancellationToken.None);
        }
        catch (PortalException e)
        {
            Errors = [.. Errors, .. e.Details];
            _page ??= new AlertPage([], false);
        }
    }

    private async Task AcknowledgeAsync()
    {
        try
        {
            await Board.AcknowledgeAsync(await CallerAsync(), AcknowledgeId!.Value, Input!.Comment, CancellationToken.None);
        }
        catch (PortalException e)
        {
            Errors = e.Details;
            return;
        }

        Navigation.NavigateTo(ListUrl(Offset) + (Query(Offset).Length > 0 ? "&" : string.Empty) + "acknowledged=true");
    }

    /// <summary>The site or agent of a <c>site:ID</c> / <c>agent:ID</c> scope.</summary>
    internal static (Guid? Site, Guid? Agent) ParseScope(string? scope, List<string> errors)
    {
        if (string.IsNullOrEmpty(scope))
        {
            return (null, null);
        }

        if (scope.StartsWith("site:", StringComparison.Ordinal) && Guid.TryParse(scope.AsSpan(5), out var site))
        {
            return (site, null);
        }

        if (scope.StartsWith("agent:", StringComparison.Ordinal) && Guid.TryParse(scope.AsSpan(6), out var agent))
        {
            return (null, agent);
        }

        errors.Add("Choose a site or an agent from the list.");
        return (null, null);
    }

    private static string SeverityCss(string severity) => severity switch
    {
        "Critical" or "High" => "badge-bad",
        "Medium" => "badge-warn",
        _ => "badge-neutral",
    };

    private string Query(int offset)
    {
        var parts = new List<string>();
        UtcInput.Add(parts, "state", State);
        UtcInput.Add(parts, "severity", Severity);
        UtcInput.Add(parts, "rule", Rule);
        UtcInput.Add(parts, "scope", Scope);
        UtcInput.Add(parts, "from", FromText);
        UtcInput.Add(parts, "to", ToText);
        if (offset > 0)
        {
            UtcInput.Add(parts, "offset", offset.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    private string ListUrl(int offset) => "alerts?" + Query(offset);

    private string AcknowledgeUrl(Guid id) => ListUrl(Offset) + (Query(Offset).Length > 0 ? "&" : string.Empty) + $"acknowledge={id:D}";

    private sealed class AcknowledgeInput
    {
        [Required(ErrorMessage = "Say why the alert is acknowledged.")]
        [StringLength(1000)]
        public string? Comment { get; set; }
    }
}
