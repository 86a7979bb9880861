using System.Diagnostics.CodeAnalysis;

namespace Proxus.Server.Enrollment;

/// <summary>The certificate and chain, or the failure and a message for the agent's operator.</summary>
public sealed record EnrollmentOutcome(EnrollmentResponse? Response, EnrollmentFailure? Failure, string? Detail)
{
    [MemberNotNullWhen(true, nameof(Response))]
    public bool Succeeded => Response is not null;

    public static EnrollmentOutcome Failed(EnrollmentFailure failure, string detail) => new(null, failure, detail);
}
