using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Proxus.Server.Api;
using Proxus.Server.Audit;

namespace Proxus.Server.Enrollment;

/// <summary>
/// The agent-facing enrollment endpoints. <c>POST /api/v1/enrollment</c> needs no client
/// certificate (the one-time token authenticates); <c>POST /api/v1/certificates/renewal</c> needs the
/// agent's current certificate at the TLS handshake. Both are anonymous to the HTTP authorization
/// layer: the token or the certificate is checked by the handler. Refusals are RFC 9457 problem details.
/// </summary>
public static class EnrollmentApi
{
    /// <summary>Request bodies are small: a token and a CSR of at most 16 KiB.</summary>
    public const long MaxRequestBodySize = 32 * 1024;

    public static RouteGroupBuilder MapEnrollmentApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("Enrollment").AllowAnonymous();
        group.MapPost("/enrollment", EnrollAsync).WithName("Enroll").WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodySize));
        group.MapPost("/certificates/renewal", RenewAsync).WithName("RenewCertificate").WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodySize));
        return group;
    }

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> EnrollAsync(
        EnrollmentRequest request,
        EnrollmentService enrollment,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            return ToResult(await enrollment.EnrollAsync(request, RemoteAddress(context), cancellationToken));
        }
        catch (AuditUnavailableException)
        {
            return AuditUnavailable();
        }
    }

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> RenewAsync(
        RenewalRequest request,
        EnrollmentService enrollment,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            var certificate = await context.Connection.GetClientCertificateAsync(cancellationToken);
            return ToResult(await enrollment.RenewAsync(certificate, request, RemoteAddress(context), cancellationToken));
        }
        catch (AuditUnavailableException)
        {
            return AuditUnavailable();
        }
    }

    private static Results<Ok<EnrollmentResponse>, ProblemHttpResult> ToResult(EnrollmentOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            return TypedResults.Ok(outcome.Response);
        }

        var (status, title, type) = outcome.Failure switch
        {
            EnrollmentFailure.InvalidToken => (StatusCodes.Status401Unauthorized, "Invalid enrollment token", "invalid-token"),
            EnrollmentFailure.TokenExpired => (StatusCodes.Status401Unauthorized, "Enrollment token expired", "token-expired"),
            EnrollmentFailure.TokenUsed => (StatusCodes.Status409Conflict, "Enrollment token already used", "token-used"),
            EnrollmentFailure.InvalidCsr => (StatusCodes.Status400BadRequest, "Certificate signing request refused", "invalid-csr"),
            _ => (StatusCodes.Status401Unauthorized, "Client certificate refused", "client-certificate-refused"),
        };
        return TypedResults.Problem(outcome.Detail, statusCode: status, title: title, type: "urn:proxus:problem:enrollment:" + type);
    }

    private static ProblemHttpResult AuditUnavailable() => TypedResults.Problem(
        "The audit log cannot be written, so no certificate is issued now. Retry later.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Audit log unavailable",
        type: "urn:proxus:problem:audit-unavailable");

    private static string RemoteAddress(HttpContext context) => ClientAddress.Of(context.Connection.RemoteIpAddress);
}
