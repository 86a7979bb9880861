using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Server.Pki;

/// <summary>
/// Checks a PKCS#10 certificate signing request (RFC 2986) from an agent before anything is issued:
/// size, PEM structure, the proof-of-possession signature, the key (EC P-256/P-384 or RSA
/// 2048..8192 bits) and the subject (empty, or exactly <c>CN={agentId}</c>). Only the public key is
/// used afterwards; requested extensions are ignored.
/// </summary>
public static class CertificateSigningRequestValidator
{
    /// <summary>Larger PEM text is refused before parsing.</summary>
    public const int MaxPemLength = 16 * 1024;

    public const int MinRsaKeySize = 2048;
    public const int MaxRsaKeySize = 8192;

    private const string CommonNameOid = "2.5.4.3";

    public static CsrValidationResult Validate(string? pem, Guid agentId)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return CsrValidationResult.Invalid("A PEM certificate signing request (csr) is required.");
        }

        if (pem.Length > MaxPemLength)
        {
            return CsrValidationResult.Invalid($"The certificate signing request is larger than {MaxPemLength} characters.");
        }

        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation);
        }
        catch (CryptographicException)
        {
            return CsrValidationResult.Invalid("The csr is not a PEM-encoded PKCS#10 certificate signing request.");
        }

        try
        {
            CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException)
        {
            return CsrValidationResult.Invalid("The signature of the certificate signing request does not verify with its public key.");
        }

        var keyError = CheckKey(request.PublicKey);
        if (keyError is not null)
        {
            return CsrValidationResult.Invalid(keyError);
        }

        return SubjectIsAcceptable(request.SubjectName, agentId)
            ? new CsrValidationResult(request.PublicKey, null)
            : CsrValidationResult.Invalid($"The subject of the certificate signing request must be empty or CN={agentId:D}.");
    }

    private static string? CheckKey(PublicKey key)
    {
        try
        {
            switch (key.Oid.Value)
            {
                case PkiOids.EcPublicKey:
                    using (var ec = key.GetECDsaPublicKey())
                    {
                        var curve = ec?.ExportParameters(false).Curve.Oid.Value;
                        return curve is PkiOids.NistP256 or PkiOids.NistP384 ? null : "Only the EC curves P-256 and P-384 are accepted.";
                    }

                case PkiOids.RsaEncryption:
                    using (var rsa = key.GetRSAPublicKey())
                    {
                        var size = rsa?.KeySize ?? 0;
                        return size is >= MinRsaKeySize and <= MaxRsaKeySize ? null : $"RSA keys must have {MinRsaKeySize} to {MaxRsaKeySize} bits; this one has {size}.";
                    }

                default:
                    return "Only EC (P-256, P-384) and RSA keys are accepted.";
            }
        }
        catch (CryptographicException)
        {
            return "The public key of the certificate signing request is malformed.";
        }
    }

    private static bool SubjectIsAcceptable(X500DistinguishedName subject, Guid agentId)
    {
        var names = subject.EnumerateRelativeDistinguishedNames().ToList();
        if (names.Count == 0)
        {
            return true;
        }

        return names.Count == 1
            && !names[0].HasMultipleElements
            && names[0].GetSingleElementType().Value == CommonNameOid
            && Guid.TryParseExact(names[0].GetSingleElementValue(), "D", out var requested)
            && requested == agentId;
    }
}
