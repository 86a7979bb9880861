using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>Adds an agent to a site (Admin); the next step is its enrollment token.</summary>
public sealed partial class NewAgent
{
    private SiteView? _site;

    [Parameter]
    public Guid SiteId { get; set; }

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "new-agent")]
    private AgentInput? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new AgentInput();
        var sites = await Fleet.ListSitesAsync(await CallerAsync(), CancellationToken.None);
        _site = sites.FirstOrDefault(s => s.Id == SiteId);
    }

    private async Task CreateAsync()
    {
        await CallAsync(async caller =>
        {
            var agent = await Fleet.CreateAgentAsync(caller, SiteId, Input!.Name!, CancellationToken.None);
            Navigation.NavigateTo($"agents/{agent.Id}?created=true");
        });
    }

    private sealed class AgentInput
    {
        [Required(ErrorMessage = "Name the agent.")]
        [StringLength(200)]
        public string? Name { get; set; }
    }
}
