using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Admin;

/// <summary>One user's roles, site assignments, enabled state and password reset (Admin).</summary>
public sealed partial class EditUser
{
    private string? _message;
    private string? _password;
    private UserView? _user;
    private IReadOnlyList<SiteView> _sites = [];

    [Parameter]
    public Guid UserId { get; set; }

    [Inject]
    private IIdentityDirectory Directory { get; set; } = default!;

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "roles")]
    private RolesInput? Roles { get; set; }

    [SupplyParameterFromForm(FormName = "sites")]
    private SitesInput? Sites { get; set; }

    [SupplyParameterFromForm(FormName = "access")]
    private Empty? Access { get; set; }

    [SupplyParameterFromForm(FormName = "reset")]
    private Empty? Reset { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var caller = await CallerAsync();
        _user = await Directory.GetUserAsync(caller, UserId, CancellationToken.None);
        _sites = await Fleet.ListSitesAsync(caller, CancellationToken.None);
        Roles ??= new RolesInput { Roles = RoleSelection.Of(_user?.Roles ?? []) };
        Sites ??= new SitesInput();
        Access ??= new Empty();
        Reset ??= new Empty();
    }

    private Task SaveRolesAsync() => ChangeAsync(
        async caller => _user = await Directory.SetRolesAsync(caller, UserId, Roles!.Roles.Selected(), CancellationToken.None),
        "Roles saved. A role taken away ends the user's sessions.");

    private Task SaveSitesAsync() => ChangeAsync(
        async caller => _user = await Directory.SetSitesAsync(caller, UserId, [.. Sites!.Selected.Where(s => s.Value).Select(s => s.Key)], CancellationToken.None),
        "Sites saved.");

    private Task ToggleDisabledAsync() => ChangeAsync(
        async caller => _user = await Directory.SetDisabledAsync(caller, UserId, !_user!.IsDisabled, CancellationToken.None),
        null);

    private Task ResetPasswordAsync() => ChangeAsync(
        async caller =>
        {
            _password = await Directory.ResetPasswordAsync(caller, UserId, CancellationToken.None);
            _user = await Directory.GetUserAsync(caller, UserId, CancellationToken.None);
        },
        null);

    private async Task ChangeAsync(Func<System.Security.Claims.ClaimsPrincipal, Task> change, string? message)
    {
        if (_user is null)
        {
            return;
        }

        await CallAsync(async caller =>
        {
            await change(caller);
            _message = message ?? (_user.IsDisabled ? "The user is disabled." : _password is null ? "The user is enabled." : null);
            Roles = new RolesInput { Roles = RoleSelection.Of(_user.Roles) };
        });
    }

    private sealed class RolesInput
    {
        public RoleSelection Roles { get; set; } = new();
    }

    private sealed class SitesInput
    {
        public Dictionary<Guid, bool> Selected { get; set; } = [];
    }

    private sealed class Empty;
}
