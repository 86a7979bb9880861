namespace Proxus.Demo.Api;

/// <summary>The answer of <c>POST /api/v1/clients</c>: the client and its secret, shown once.</summary>
public sealed record IssuedClientSecretDto(MachineClientDto Client, string ClientSecret);
