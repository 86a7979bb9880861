namespace Proxus.Demo.Api;

/// <summary>A machine client as <c>GET /api/v1/clients</c> answers it.</summary>
public sealed record MachineClientDto(Guid ClientId, string Name, IReadOnlyList<string> Scopes);
