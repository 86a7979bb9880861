using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>The hash-chained audit log, for auditors and admins: query, verify (export is an HTTP download).</summary>
public interface IAuditTrail
{
    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    int MaxPageSize { get; }

    /// <summary>Entries matching the filter, in sequence order, after <see cref="AuditFilter.AfterSequence"/>.</summary>
    Task<IReadOnlyList<AuditEntryView>> QueryAsync(ClaimsPrincipal caller, AuditFilter filter, int pageSize, CancellationToken cancellationToken);

    /// <summary>Walks the whole chain and checks it against the signed head.</summary>
    Task<AuditChainStatus> VerifyAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>The known event types, for the filter's suggestions.</summary>
    IReadOnlyList<string> KnownEventTypes { get; }
}
