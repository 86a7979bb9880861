namespace Proxus.Web.Services;

/// <summary>
/// One step of a request's timeline: what happened, the state after it, who, when, and its detail
/// (reason, read-back, device error). <see cref="ActorAgent"/> is set when the request's agent took the step.
/// </summary>
public sealed record WriteStepView(int Step, string Action, string State, string Actor, DateTimeOffset At, string? Detail, AgentReference? ActorAgent = null);
