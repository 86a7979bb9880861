using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>
/// Governed control writes (the server's write pipeline, docs/writes.md): find a writable tag,
/// request a write, list and read requests with their timelines, approve, reject and cancel. The
/// server checks every rule again (roles, sites, limits, self-approval) whatever the page shows.
/// </summary>
public interface IControlWrites
{
    /// <summary>Writable tags of the sites the caller may request writes for whose UNS path contains <paramref name="search"/>, by path.</summary>
    Task<IReadOnlyList<WritableTagView>> FindWritableTagsAsync(ClaimsPrincipal caller, string? search, int limit, CancellationToken cancellationToken);

    /// <summary>The writable tag at <paramref name="path"/> in its site's current tag map; null when there is none the caller may see.</summary>
    Task<WritableTagView?> GetWritableTagAsync(ClaimsPrincipal caller, string path, CancellationToken cancellationToken);

    /// <summary>Creates a request; the new request's id.</summary>
    /// <exception cref="PortalFieldException">The server refused it; <see cref="PortalFieldException.Field"/> names the input at fault.</exception>
    Task<Guid> RequestAsync(ClaimsPrincipal caller, WriteRequestInput input, CancellationToken cancellationToken);

    /// <summary>Requests matching the filter that the caller may see, newest first.</summary>
    /// <exception cref="PortalException">The filter is invalid.</exception>
    Task<WriteRequestPage> ListAsync(ClaimsPrincipal caller, WriteRequestFilter filter, int pageSize, CancellationToken cancellationToken);

    /// <summary>The request with its timeline and what the caller may decide; null when it does not exist or is outside the caller's sites.</summary>
    Task<WriteRequestDetailView?> GetAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken);

    /// <exception cref="PortalException">Refused (role, self-approval, state, expiry) with the server's reason.</exception>
    Task ApproveAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken);

    /// <exception cref="PortalException">Refused (role, self-rejection, missing reason, state) with the server's reason.</exception>
    Task RejectAsync(ClaimsPrincipal caller, Guid id, string? reason, CancellationToken cancellationToken);

    /// <exception cref="PortalException">Refused (not the requester nor an Admin, state) with the server's reason.</exception>
    Task CancelAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken);

    /// <summary>The states a request can be in, for the filter.</summary>
    IReadOnlyList<string> States { get; }
}
