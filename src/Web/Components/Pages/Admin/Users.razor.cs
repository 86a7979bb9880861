using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Admin;

/// <summary>Every user with roles, assigned sites and state (Admin).</summary>
public sealed partial class Users
{
    private IReadOnlyList<UserView>? _users;
    private Dictionary<Guid, string> _siteNames = [];

    [Inject]
    private IIdentityDirectory Directory { get; set; } = default!;

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var caller = await CallerAsync();
        await CallAsync(async () =>
        {
            _users = await Directory.ListUsersAsync(caller, CancellationToken.None);
            _siteNames = (await Fleet.ListSitesAsync(caller, CancellationToken.None)).ToDictionary(s => s.Id, s => s.Name);
        });
    }

    private string SiteNames(UserView user) => user.SiteIds.Count == 0
        ? "—"
        : string.Join(", ", user.SiteIds.Select(id => _siteNames.GetValueOrDefault(id, id.ToString())));
}
