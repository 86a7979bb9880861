namespace Proxus.Server.Audit;

/// <summary>Something security-relevant that happened, before it is chained into the log.</summary>
/// <param name="Type">One of <see cref="AuditEventTypes"/>.</param>
/// <param name="Actor">Who did it: a user, <c>agent:{id}</c>, <c>anonymous@{address}</c>, <c>system</c>.</param>
/// <param name="Subject">What it was done to, e.g. <c>agent:{id}</c> or <c>certificate:{serial}</c>.</param>
/// <param name="Data">Details; values are escaped and capped when stored.</param>
public sealed record AuditEvent(string Type, string Actor, string Subject, IReadOnlyDictionary<string, string?>? Data = null);
