namespace Proxus.Server.Api.Contracts;

/// <summary>The serial numbers of the certificates a revocation covered.</summary>
public sealed record RevokedCertificatesResponse(IReadOnlyList<string> SerialNumbers);
