using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Mqtt;

public sealed class ProxusMqttHooksTests
{
    private static ProxusMqttHooks Hooks(bool allowAnonymous)
        => new(Options.Create(new MqttServerOptions { AllowAnonymous = allowAnonymous }), NullLogger<ProxusMqttHooks>.Instance);

    private static MqttAuthenticationContext Context(string? username = null, byte[]? password = null, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null) => new()
    {
        ClientId = "c1",
        ProtocolVersion = MqttProtocolVersion.V500,
        Username = username,
        Password = password is null ? null : password,
        ClientCertificate = certificate,
    };

    [Fact]
    public async Task Authenticate_ClientCertificate_IdentityFromSubject()
    {
        using var pki = TestCertificates.Create();
        using var certificate = pki.IssueClient("agent-7");

        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(Context(certificate: certificate), CancellationToken.None);

        result.IsAccepted.Should().BeTrue();
        var identity = result.Identity.Should().BeOfType<MqttClientIdentity>().Subject;
        identity.Kind.Should().Be(MqttClientIdentity.CertificateKind);
        identity.Name.Should().Be("agent-7");
        identity.Thumbprint.Should().HaveLength(64);
    }

    [Fact]
    public async Task Authenticate_NothingPresentedAnonymousOff_NotAuthorized()
    {
        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(Context(), CancellationToken.None);

        result.IsAccepted.Should().BeFalse();
        result.ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
    }

    [Fact]
    public async Task Authenticate_CredentialsWithoutUserStore_BadUserNameOrPassword()
    {
        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(Context("user", [1]), CancellationToken.None);

        result.ReasonCode.Should().Be(MqttReasonCode.BadUserNameOrPassword);
    }

    [Fact]
    public async Task Authenticate_AnonymousAllowed_AnonymousIdentity()
    {
        var result = await Hooks(allowAnonymous: true).AuthenticateAsync(Context(), CancellationToken.None);

        result.Identity.Should().Be(new MqttClientIdentity(MqttClientIdentity.AnonymousKind, "c1", null));
    }
}
