using Proxus.Server.Pki;

namespace Proxus.Server.Tests.Pki;

public sealed class AgentCertificateUriTests
{
    [Fact]
    public void TryParse_CreatedUri_RoundTrips()
    {
        var agent = Guid.NewGuid();
        var site = Guid.NewGuid();

        AgentCertificateUri.TryParse(AgentCertificateUri.Create(agent, site), out var parsedAgent, out var parsedSite).Should().BeTrue();

        parsedAgent.Should().Be(agent);
        parsedSite.Should().Be(site);
        AgentCertificateUri.Format(agent, site).Should().Be($"urn:proxus:agent:{agent:D}:site:{site:D}");
    }

    [Theory]
    [InlineData("urn:proxus:agent:not-a-guid:site:6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b")]
    [InlineData("urn:proxus:agent:6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b")]
    [InlineData("urn:proxus:agent:6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b:site:")]
    [InlineData("urn:other:agent:6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b:site:6f1c2a0e-8d7b-4b8e-9a51-0c4d2e3f4a5b")]
    [InlineData("https://example.test/")]
    public void TryParse_ForeignOrMalformed_ReturnsFalse(string uri)
        => AgentCertificateUri.TryParse(new Uri(uri), out _, out _).Should().BeFalse();

    [Theory]
    [InlineData(new byte[] { 0x30, 0x05, 0x86, 0x03, 0x61, 0x3A })]
    [InlineData(new byte[] { 0x31, 0x00 })]
    [InlineData(new byte[] { 0x30, 0x03, 0x86, 0x01, 0x78 })]
    [InlineData(new byte[] { 0x30, 0x00, 0x00 })]
    public void ReadUris_MalformedGeneralNames_ReturnsEmpty(byte[] der)
        => SubjectAlternativeNames.ReadUris(der).Should().BeEmpty();

    [Fact]
    public void ReadUris_DnsAndUri_ReturnsOnlyUri()
    {
        var builder = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        builder.AddDnsName("example.test");
        builder.AddUri(new Uri("urn:proxus:test"));

        SubjectAlternativeNames.ReadUris(builder.Build().RawData).Should().Equal(new Uri("urn:proxus:test"));
    }
}
