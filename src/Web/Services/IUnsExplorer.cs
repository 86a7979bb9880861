using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>The Unified Namespace as the server stored it: the newest value of every tag, and a tag's history.</summary>
public interface IUnsExplorer
{
    /// <summary>The newest value of every tag the caller may see, ordered by topic.</summary>
    Task<IReadOnlyList<TagValueView>> ListValuesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>A tag's values over <c>[from, to)</c>: raw values or, with a bucket width, aggregates.</summary>
    /// <exception cref="PortalException">The tag or the range is invalid.</exception>
    Task<TagHistoryView> GetHistoryAsync(ClaimsPrincipal caller, string tag, DateTimeOffset from, DateTimeOffset to, TimeSpan? bucket, CancellationToken cancellationToken);
}
