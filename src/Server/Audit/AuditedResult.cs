namespace Proxus.Server.Audit;

/// <summary>What an audited action returns: its value and the entries that record it.</summary>
public sealed record AuditedResult<T>(T Value, IReadOnlyList<AuditEvent> Events)
{
    public AuditedResult(T value, AuditEvent auditEvent)
        : this(value, [auditEvent])
    {
    }
}
