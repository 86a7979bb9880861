namespace Proxus.Server.Writes.Contracts;

/// <summary>One timeline step of a write request.</summary>
public sealed record WriteStepResponse(int Step, string Action, string State, string Actor, DateTimeOffset At, string? Detail);
