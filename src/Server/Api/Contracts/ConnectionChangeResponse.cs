namespace Proxus.Server.Api.Contracts;

/// <summary>A connection in both versions (same id) whose settings differ.</summary>
public sealed record ConnectionChangeResponse(string Id, ConnectionResponse Before, ConnectionResponse After);
