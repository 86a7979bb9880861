namespace Proxus.Web.Services;

/// <summary>An agent named in a record (an alert, a write step): shown by its name, with its id at hand.</summary>
public sealed record AgentReference(Guid Id, string Name);
