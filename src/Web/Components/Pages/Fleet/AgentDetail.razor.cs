using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>One agent: configuration versions (latest issued against applied) and certificates.</summary>
public sealed partial class AgentDetail
{
    private AgentDetailView? _agent;
    private DateTimeOffset _now;

    [Parameter]
    public Guid AgentId { get; set; }

    [SupplyParameterFromQuery(Name = "created")]
    private bool Created { get; set; }

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>Every certificate the agent was issued is revoked: it cannot connect until it enrolls again.</summary>
    private bool IsRevoked => _agent is { Certificates.Count: > 0 } agent && agent.Certificates.All(c => c.RevokedAt is not null);

    protected override async Task OnParametersSetAsync()
    {
        _agent = await Fleet.GetAgentAsync(await CallerAsync(), AgentId, CancellationToken.None);
        _now = Clock.GetUtcNow();
    }
}
