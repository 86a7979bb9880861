using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>
/// The security alerts of the server's monitoring (docs/monitoring.md): Auditors and Admins read
/// and filter them, Admins acknowledge them with a comment (audited).
/// </summary>
public interface IAlertBoard
{
    /// <summary>Alerts matching the filter, newest last-seen first.</summary>
    /// <exception cref="PortalException">The caller may not read alerts, or the filter is invalid.</exception>
    Task<AlertPage> QueryAsync(ClaimsPrincipal caller, AlertFilter filter, int pageSize, CancellationToken cancellationToken);

    /// <summary>One alert; null when it does not exist.</summary>
    Task<AlertView?> GetAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken);

    /// <summary>How many alerts are open, for the navigation's badge; null when the caller may not read alerts.</summary>
    Task<int?> CountOpenAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <exception cref="PortalException">Refused: not an Admin, no comment, no such alert, or already acknowledged.</exception>
    Task AcknowledgeAsync(ClaimsPrincipal caller, Guid id, string? comment, CancellationToken cancellationToken);

    /// <summary>The rule ids, for the filter.</summary>
    IReadOnlyList<string> Rules { get; }

    /// <summary>The severities, lowest first.</summary>
    IReadOnlyList<string> Severities { get; }

    /// <summary>The states (open, acknowledged).</summary>
    IReadOnlyList<string> States { get; }

    /// <summary>The longest acknowledgement comment.</summary>
    int MaxCommentLength { get; }
}
