using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>Deletes a revoked or never-enrolled agent from the fleet (Admin), after an explicit confirmation.</summary>
public sealed partial class DeleteAgent
{
    private AgentDetailView? _agent;
    private string? _deleted;

    [Parameter]
    public Guid AgentId { get; set; }

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "delete-agent")]
    private Confirmation? Input { get; set; }

    /// <summary>Only an agent that cannot connect: it never enrolled, or every certificate it was issued is revoked.</summary>
    private bool CanDelete => _agent is { } agent && agent.Certificates.All(c => c.RevokedAt is not null);

    protected override async Task OnInitializedAsync()
    {
        Input ??= new Confirmation();
        _agent = await Fleet.GetAgentAsync(await CallerAsync(), AgentId, CancellationToken.None);
    }

    private async Task DeleteAsync()
    {
        var name = _agent?.Agent.Name;
        if (await CallAsync(caller => Fleet.DeleteAgentAsync(caller, AgentId, CancellationToken.None)))
        {
            _deleted = name;
        }
    }

    private sealed class Confirmation;
}
