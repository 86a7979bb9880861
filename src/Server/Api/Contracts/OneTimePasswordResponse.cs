namespace Proxus.Server.Api.Contracts;

/// <summary>A one-time password, shown once; it must be changed at the next sign-in.</summary>
public sealed record OneTimePasswordResponse(string OneTimePassword);
