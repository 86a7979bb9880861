using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Shared;

/// <summary>
/// What every portal page that calls the portal services shares: the signed-in user, and the
/// messages of the last refused call, shown by <see cref="ErrorBanner"/>. A page inherits it with
/// <c>@inherits PortalPage</c>.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    /// <summary>The messages to show; empty when nothing was refused.</summary>
    protected IReadOnlyList<string> Errors { get; set; } = [];

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The signed-in user, as whom every portal service is called.</summary>
    protected async Task<ClaimsPrincipal> CallerAsync() => (await AuthenticationState).User;

    /// <summary>
    /// Calls the portal services as the signed-in user. A refusal (<see cref="PortalException"/>)
    /// replaces <see cref="Errors"/> with its messages and answers false; true when the call succeeded.
    /// </summary>
    protected async Task<bool> CallAsync(Func<ClaimsPrincipal, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var caller = await CallerAsync();
        return await CallAsync(() => call(caller));
    }

    /// <summary>
    /// Runs portal calls (for a page that already holds the caller). A refusal
    /// (<see cref="PortalException"/>) replaces <see cref="Errors"/> with its messages and answers
    /// false; true when the calls succeeded.
    /// </summary>
    protected async Task<bool> CallAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            return true;
        }
        catch (PortalException e)
        {
            Errors = e.Details;
            return false;
        }
    }
}
