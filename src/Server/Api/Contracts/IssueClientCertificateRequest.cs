namespace Proxus.Server.Api.Contracts;

/// <summary>
/// Body of <c>POST /api/v1/clients/{id}/certificate</c>: a PEM PKCS#10 request (subject empty or
/// <c>CN={clientId}</c>), or no <c>csr</c> to have the server generate the key pair and return its
/// private key once.
/// </summary>
public sealed record IssueClientCertificateRequest(string? Csr);
