namespace Proxus.Server.Api.Contracts;

/// <summary>A poll group of a connection.</summary>
public sealed record PollGroupResponse(string Name, long IntervalMs);
