namespace Proxus.Server.Enrollment;

/// <summary>Why an enrollment or renewal was refused; each maps to one HTTP status.</summary>
public enum EnrollmentFailure
{
    /// <summary>401: unknown or malformed token.</summary>
    InvalidToken,

    /// <summary>401: the token's time ran out.</summary>
    TokenExpired,

    /// <summary>409: the token was used already.</summary>
    TokenUsed,

    /// <summary>400: the CSR failed a check.</summary>
    InvalidCsr,

    /// <summary>401: no client certificate, or one that does not identify an agent.</summary>
    ClientCertificateRejected,
}
