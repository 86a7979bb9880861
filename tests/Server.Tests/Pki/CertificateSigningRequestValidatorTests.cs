using System.Security.Cryptography;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Pki;

public sealed class CertificateSigningRequestValidatorTests
{
    private static readonly Guid AgentId = Guid.Parse("6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b");

    [Theory]
    [InlineData("")]
    [InlineData("CN=6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b")]
    public void Validate_EcP256WithAcceptableSubject_ReturnsPublicKey(string subject)
    {
        var (key, pem) = Csr.CreateEc(subject);
        using (key)
        {
            var result = CertificateSigningRequestValidator.Validate(pem, AgentId);

            result.IsValid.Should().BeTrue(result.Error);
            result.PublicKey!.EncodedKeyValue.RawData.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Validate_EcP384_Accepted()
    {
        var (key, pem) = Csr.CreateEc(curve: ECCurve.NamedCurves.nistP384);
        using (key)
        {
            CertificateSigningRequestValidator.Validate(pem, AgentId).IsValid.Should().BeTrue();
        }
    }

    [Fact]
    public void Validate_EcP521_Rejected()
    {
        var (key, pem) = Csr.CreateEc(curve: ECCurve.NamedCurves.nistP521);
        using (key)
        {
            CertificateSigningRequestValidator.Validate(pem, AgentId).Error.Should().Contain("P-256 and P-384");
        }
    }

    [Fact]
    public void Validate_Rsa2048_Accepted()
        => CertificateSigningRequestValidator.Validate(Csr.CreateRsa(2048), AgentId).IsValid.Should().BeTrue();

    [Fact]
    public void Validate_Rsa1024_Rejected()
        => CertificateSigningRequestValidator.Validate(Csr.CreateRsa(1024), AgentId).Error.Should().Contain("2048").And.Contain("1024");

    [Theory]
    [InlineData("CN=another-agent")]
    [InlineData("CN=00000000-0000-0000-0000-000000000001")]
    [InlineData("CN=6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b, O=Evil")]
    [InlineData("O=Proxus")]
    public void Validate_OtherSubject_Rejected(string subject)
    {
        var (key, pem) = Csr.CreateEc(subject);
        using (key)
        {
            CertificateSigningRequestValidator.Validate(pem, AgentId).Error.Should().Contain("subject");
        }
    }

    [Fact]
    public void Validate_BrokenSignature_Rejected()
    {
        var (key, pem) = Csr.CreateEc();
        using (key)
        {
            CertificateSigningRequestValidator.Validate(Csr.WithBrokenSignature(pem), AgentId).Error.Should().Contain("signature");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a csr")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----")]
    public void Validate_Malformed_Rejected(string? pem)
        => CertificateSigningRequestValidator.Validate(pem, AgentId).IsValid.Should().BeFalse();

    [Fact]
    public void Validate_Oversized_RejectedBeforeParsing()
    {
        var pem = new string('A', CertificateSigningRequestValidator.MaxPemLength + 1);

        CertificateSigningRequestValidator.Validate(pem, AgentId).Error.Should().Contain("larger than");
    }
}
