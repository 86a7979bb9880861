namespace Proxus.Server.Enrollment;

/// <summary>The body of <c>POST /api/v1/certificates/renewal</c>: a PEM PKCS#10 request for a new key or the same one.</summary>
public sealed record RenewalRequest(string? Csr);
