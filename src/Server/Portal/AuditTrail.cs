using System.Security.Claims;
using Proxus.Server.Audit;
using Proxus.Server.Identity;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>The portal's audit log over <see cref="AuditReader"/> and <see cref="AuditVerifier"/>.</summary>
internal sealed class AuditTrail(AuditReader reader, AuditVerifier verifier, PortalAuthorization authorization, TimeProvider timeProvider) : IAuditTrail
{
    public int MaxPageSize => AuditQuery.MaxLimit;

    public IReadOnlyList<string> KnownEventTypes { get; } =
    [
        .. ConstantsOf(typeof(AuditEventTypes)),
        .. ConstantsOf(typeof(IamAuditEventTypes)),
    ];

    public async Task<IReadOnlyList<AuditEntryView>> QueryAsync(ClaimsPrincipal caller, AuditFilter filter, int pageSize, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.AuditRead);
        var query = new AuditQuery
        {
            From = filter.From,
            To = filter.To,
            Actor = string.IsNullOrWhiteSpace(filter.Actor) ? null : filter.Actor.Trim(),
            Type = string.IsNullOrWhiteSpace(filter.Type) ? null : filter.Type.Trim(),
            AfterSequence = Math.Max(0, filter.AfterSequence),
            Limit = Math.Clamp(pageSize, 1, AuditQuery.MaxLimit),
        };
        var entries = await reader.QueryAsync(query, cancellationToken);
        return entries.Select(e => new AuditEntryView(e.Sequence, e.Timestamp, e.Actor, e.Type, e.Subject, e.Data, Convert.ToHexStringLower(e.Hash))).ToList();
    }

    public async Task<AuditChainStatus> VerifyAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.AuditRead);
        var result = await verifier.VerifyAsync(cancellationToken);
        return new AuditChainStatus(result.IsIntact, result.EntriesChecked, result.FirstBrokenSequence, result.Problem, timeProvider.GetUtcNow());
    }

    private static IEnumerable<string> ConstantsOf(Type type)
        => type.GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);
}
