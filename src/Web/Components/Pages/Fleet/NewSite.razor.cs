using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>Creates a site (Admin).</summary>
public sealed partial class NewSite
{

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "new-site")]
    private SiteInput? Input { get; set; }

    protected override void OnInitialized() => Input ??= new SiteInput();

    private async Task CreateAsync()
    {
        await CallAsync(async caller =>
        {
            var site = await Fleet.CreateSiteAsync(caller, Input!.Name!, Input.UnsPrefix, CancellationToken.None);
            Navigation.NavigateTo($"sites#site-{site.Id}");
        });
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
