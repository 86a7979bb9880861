using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Configuration;
using Proxus.Agent.Identity;
using Proxus.Agent.Tests.Support;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Configuration;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ConfigurationManagerTests : IDisposable
{
    private readonly TestCertificates _pki = TestCertificates.Create();
    private readonly TestAgent _agent;
    private readonly AgentCredentials _credentials;
    private readonly List<AgentConfiguration> _applied = [];
    private readonly ConfigurationManager _manager;

    public ConfigurationManagerTests()
    {
        _agent = TestAgent.Create(_pki, new Uri("mqtts://127.0.0.1:1"));
        _credentials = AgentCredentials.Load(_agent.Paths);
        _manager = CreateManager();
    }

    [Fact]
    public async Task LoadStored_NothingStored_AppliesNothing()
    {
        var version = await _manager.LoadStoredAsync(CancellationToken.None);

        version.Should().BeNull();
        _applied.Should().BeEmpty();
        _manager.AppliedVersion.Should().BeNull();
    }

    [Fact]
    public async Task Offer_ValidEnvelope_IsStoredAppliedAndBecomesTheVersion()
    {
        var envelope = _agent.Sign(Config("a"), 3);

        var applied = await _manager.OfferAsync(envelope, CancellationToken.None);

        applied.Should().BeTrue();
        _manager.AppliedVersion.Should().Be(3);
        _applied.Should().ContainSingle().Which.Connections[0].Id.Should().Be("a");
        File.ReadAllBytes(_agent.Paths.ConfigPath).Should().Equal(envelope);
        File.GetUnixFileMode(_agent.Paths.ConfigPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Offer_TamperedEnvelope_IsRejectedAndTheRunningConfigurationStays()
    {
        var good = _agent.Sign(Config("a"), 1);
        await _manager.OfferAsync(good, CancellationToken.None);
        var tampered = _agent.Sign(Config("b"), 2);
        var index = System.Text.Encoding.ASCII.GetString(tampered).IndexOf("\"b\"", StringComparison.Ordinal);
        tampered[index + 1] = (byte)'c';

        var applied = await _manager.OfferAsync(tampered, CancellationToken.None);

        applied.Should().BeFalse();
        _manager.AppliedVersion.Should().Be(1);
        _applied.Should().ContainSingle();
        File.ReadAllBytes(_agent.Paths.ConfigPath).Should().Equal(good);
        _manager.LastError.Should().Contain("BadSignature");
    }

    [Fact]
    public async Task Offer_OlderVersion_IsRejectedAsRollback()
    {
        await _manager.OfferAsync(_agent.Sign(Config("a"), 5), CancellationToken.None);

        var applied = await _manager.OfferAsync(_agent.Sign(Config("b"), 4), CancellationToken.None);

        applied.Should().BeFalse();
        _manager.AppliedVersion.Should().Be(5);
        _manager.LastError.Should().Contain("Rollback");
    }

    [Fact]
    public async Task Offer_EnvelopeForAnotherAgent_IsRejected()
    {
        var other = new AgentConfiguration(Guid.NewGuid().ToString("D"), TestAgent.Site, [], []);
        var envelope = new ConfigSigner(_agent.SigningKey).Sign(other, 1, TimeSpan.FromDays(1));

        var applied = await _manager.OfferAsync(envelope, CancellationToken.None);

        applied.Should().BeFalse();
        _manager.LastError.Should().Contain("WrongAgent");
    }

    [Fact]
    public async Task Offer_ExpiredEnvelope_IsRejected()
    {
        var envelope = new ConfigSigner(_agent.SigningKey, new PastTimeProvider(TimeSpan.FromDays(-3))).Sign(Config("a"), 1, TimeSpan.FromDays(1));

        var applied = await _manager.OfferAsync(envelope, CancellationToken.None);

        applied.Should().BeFalse();
        _manager.LastError.Should().Contain("Expired");
    }

    [Fact]
    public async Task LoadStored_StoredEnvelopeExpiredWhileOffline_StillRunsIt()
    {
        _agent.Store(new ConfigSigner(_agent.SigningKey, new PastTimeProvider(TimeSpan.FromDays(-3))).Sign(Config("a"), 7, TimeSpan.FromDays(1)));

        var version = await _manager.LoadStoredAsync(CancellationToken.None);

        version.Should().Be(7);
        _applied.Should().ContainSingle();
    }

    [Fact]
    public async Task LoadStored_TamperedStoredEnvelope_IsNotRun()
    {
        var envelope = _agent.Sign(Config("a"), 2);
        envelope[^5] ^= 0x01;
        _agent.Store(envelope);

        var version = await _manager.LoadStoredAsync(CancellationToken.None);

        version.Should().BeNull();
        _applied.Should().BeEmpty();
        _manager.LastError.Should().Contain("stored configuration");
    }

    [Fact]
    public async Task FetchOnce_ServerUnreachable_KeepsTheErrorAndDoesNotThrow()
    {
        await _manager.FetchOnceAsync(CancellationToken.None);

        _manager.LastError.Should().StartWith("cannot fetch the configuration");
        _applied.Should().BeEmpty();
    }

    public void Dispose()
    {
        _credentials.Dispose();
        _agent.Dispose();
        _pki.Dispose();
    }

    private AgentConfiguration Config(string connection) => _agent.Configuration(
        [TestTags.Modbus(connection, 502, _agent.AgentIdText)],
        [TestTags.Tag($"Acme/SiteA/Area/Line/Machine/{connection}_value", connection, "HR0", DataType.UInt16)]);

    private ConfigurationManager CreateManager() => new(
        new ConfigStore(_agent.Paths),
        new ConfigVerification(_credentials.SigningKey, _agent.AgentIdText),
        (configuration, _) =>
        {
            _applied.Add(configuration);
            return Task.CompletedTask;
        },
        () => new ServerApiClient(_credentials.Enrollment.Server, _credentials.Certificate, _credentials.TrustAnchors, TimeSpan.FromSeconds(5)),
        NullLogger<ConfigurationManager>.Instance,
        TimeSpan.FromMinutes(5));
}
