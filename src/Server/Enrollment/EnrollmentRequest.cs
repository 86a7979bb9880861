namespace Proxus.Server.Enrollment;

/// <summary>The body of <c>POST /api/v1/enrollment</c>: the one-time token and a PEM PKCS#10 request.</summary>
public sealed record EnrollmentRequest(string? Token, string? Csr);
