namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/clients</c>: a name and the space-separated scopes the client may request.</summary>
public sealed record CreateClientRequest(string Name, string Scope);
