using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>Creates a site (Admin).</summary>
public sealed partial class NewSite
{
    private IReadOnlyList<string> _errors = [];

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "new-site")]
    private SiteInput? Input { get; set; }

    protected override void OnInitialized() => Input ??= new SiteInput();

    private async Task CreateAsync()
    {
        try
        {
            var site = await Fleet.CreateSiteAsync((await AuthenticationState).User, Input!.Name!, Input.UnsPrefix, CancellationToken.None);
            Navigation.NavigateTo($"sites#site-{site.Id}");
        }
        catch (PortalException e)
        {
            _errors = e.Details;
        }
    }

    private sealed class SiteInput
    {
        [Required(ErrorMessage = "Name the site.")]
        [StringLength(200)]
        public string? Name { get; set; }

        [StringLength(129)]
        public string? UnsPrefix { get; set; }
    }
}
