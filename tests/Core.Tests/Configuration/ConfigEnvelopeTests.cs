using System.Security.Cryptography;
using System.Text;
using Proxus.Core.Configuration;

namespace Proxus.Core.Tests.Configuration;

public sealed class ConfigEnvelopeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ManualClock _clock = new(Now);

    public void Dispose() => _key.Dispose();

    private static AgentConfiguration SmallConfiguration() =>
        AgentConfigurationCompiler.Compile(TestTags.Map(TestTags.Float()), "edge-01");

    private ConfigEnvelopeVerifier Verifier(TimeSpan? skew = null) => new([_key], _clock, skew);

    private byte[] Sign(AgentConfiguration configuration, long version = 7, TimeSpan? lifetime = null) =>
        new ConfigSigner(_key, _clock).Sign(configuration, version, lifetime ?? TimeSpan.FromDays(1));

    [Fact]
    public void Verify_SignedEnvelope_ReturnsTheConfiguration()
    {
        var configuration = SmallConfiguration();

        var result = Verifier().Verify(Sign(configuration), "edge-01", appliedVersion: 6);

        result.Succeeded.Should().BeTrue(result.Message);
        result.Envelope!.Configuration.Should().Be(configuration);
        result.Envelope.Header.Should().Be(new ConfigEnvelopeHeader("proxus-config/1", ConfigSigningKey.KeyIdOf(_key), "edge-01", 7, Now, Now.AddDays(1)));
    }

    [Fact]
    public void Verify_FirstConfiguration_NeedsNoAppliedVersion()
    {
        Verifier().Verify(Sign(SmallConfiguration(), version: 1), "edge-01", appliedVersion: null).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Verify_EverySingleFlippedByte_IsRejected()
    {
        var envelope = Sign(SmallConfiguration());
        var verifier = Verifier();
        var accepted = new List<int>();

        for (var i = 0; i < envelope.Length; i++)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[i] ^= 0x01;
            if (verifier.Verify(tampered, "edge-01", 6).Succeeded)
            {
                accepted.Add(i);
            }
        }

        envelope.Length.Should().BeGreaterThan(500);
        accepted.Should().BeEmpty();
    }

    [Fact]
    public void Verify_FlippedPayloadByte_IsABadSignature()
    {
        var envelope = Sign(SmallConfiguration());
        var index = Encoding.ASCII.GetString(envelope).IndexOf("HR100", StringComparison.Ordinal);
        envelope[index + 4] = (byte)'1';

        var result = Verifier().Verify(envelope, "edge-01", 6);

        result.Failure.Should().Be(ConfigVerificationFailure.BadSignature);
        result.Envelope.Should().BeNull();
    }

    [Fact]
    public void Verify_WrongAgent_IsRejected()
    {
        var result = Verifier().Verify(Sign(SmallConfiguration()), "edge-02", 6);

        result.Failure.Should().Be(ConfigVerificationFailure.WrongAgent);
        result.Message.Should().Be("the configuration is for agent 'edge-01', not 'edge-02'");
    }

    [Fact]
    public void Verify_Expired_IsRejectedAfterTheSkewAllowance()
    {
        var envelope = Sign(SmallConfiguration(), lifetime: TimeSpan.FromHours(1));
        var verifier = Verifier(TimeSpan.FromMinutes(5));

        _clock.Now = Now.AddHours(1).AddMinutes(4);
        verifier.Verify(envelope, "edge-01", 6).Succeeded.Should().BeTrue();
        _clock.Now = Now.AddHours(1).AddMinutes(5);
        verifier.Verify(envelope, "edge-01", 6).Failure.Should().Be(ConfigVerificationFailure.Expired);
    }

    [Fact]
    public void Verify_IssuedInTheFuture_IsNotYetValidBeyondTheSkew()
    {
        var envelope = Sign(SmallConfiguration());
        var verifier = Verifier(TimeSpan.FromMinutes(5));

        _clock.Now = Now.AddMinutes(-5);
        verifier.Verify(envelope, "edge-01", 6).Succeeded.Should().BeTrue();
        _clock.Now = Now.AddMinutes(-5).AddSeconds(-1);
        verifier.Verify(envelope, "edge-01", 6).Failure.Should().Be(ConfigVerificationFailure.NotYetValid);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Verify_VersionNotNewerThanApplied_IsARollback(long applied)
    {
        var result = Verifier().Verify(Sign(SmallConfiguration(), version: 7), "edge-01", applied);

        result.Failure.Should().Be(ConfigVerificationFailure.Rollback);
        result.Message.Should().Be($"version 7 is not newer than the applied version {applied}");
    }

    [Fact]
    public void Verify_UnknownKey_IsRejected()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var envelope = new ConfigSigner(other, _clock).Sign(SmallConfiguration(), 7, TimeSpan.FromDays(1));

        var result = Verifier().Verify(envelope, "edge-01", 6);

        result.Failure.Should().Be(ConfigVerificationFailure.UnknownKey);
        result.Message.Should().Be($"unknown signing key '{ConfigSigningKey.KeyIdOf(other)}'");
    }

    [Fact]
    public void Verify_AddedWhitespace_IsNonCanonical()
    {
        var text = Encoding.UTF8.GetString(Sign(SmallConfiguration()));

        var result = Verifier().Verify(Encoding.UTF8.GetBytes(text.Replace("{\"header\":", "{ \"header\":", StringComparison.Ordinal)), "edge-01", 6);

        result.Failure.Should().Be(ConfigVerificationFailure.NonCanonical);
    }

    [Theory]
    [InlineData(",\"payload\":", ", \"payload\":")]
    [InlineData(",\"signature\":\"", ",\"signature\": \"")]
    [InlineData("\"}", "\" }")]
    [InlineData("\"}", "\"}\n")]
    public void Verify_WhitespaceBetweenOrAfterTheMembers_IsNonCanonical(string find, string replace)
    {
        var text = Encoding.UTF8.GetString(Sign(SmallConfiguration()));
        var at = find == "\"}" ? text.LastIndexOf(find, StringComparison.Ordinal) : text.IndexOf(find, StringComparison.Ordinal);

        var result = Verifier().Verify(Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length))), "edge-01", 6);

        result.Failure.Should().Be(ConfigVerificationFailure.NonCanonical);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"payload\":{},\"header\":{},\"signature\":\"\"}")]
    [InlineData("not json")]
    public void Verify_NotAnEnvelope_IsMalformed(string text)
    {
        Verifier().Verify(Encoding.UTF8.GetBytes(text), "edge-01", null).Failure.Should().Be(ConfigVerificationFailure.Malformed);
    }

    [Fact]
    public void Verify_SignedPayloadForAnotherAgent_IsRejected()
    {
        var signer = new ConfigSigner(_key, _clock);
        var payload = CanonicalConfigJson.Serialize(SmallConfiguration() with { AgentId = "edge-09" });
        var envelope = signer.Sign(new ConfigEnvelopeHeader(ConfigEnvelopeHeader.CurrentFormat, signer.KeyId, "edge-01", 7, Now, Now.AddDays(1)), payload);

        Verifier().Verify(envelope, "edge-01", 6).Failure.Should().Be(ConfigVerificationFailure.WrongAgent);
    }

    [Fact]
    public void Constructor_NonP256Key_IsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var act = () => new ConfigSigner(p384);

        act.Should().Throw<ArgumentException>().WithMessage("configuration-signing keys are ECDSA P-256*");
    }

    [Fact]
    public void Serialize_SmallConfiguration_IsTheDocumentedCanonicalForm()
    {
        var json = Encoding.UTF8.GetString(CanonicalConfigJson.Serialize(SmallConfiguration()));

        json.Should().Be(
            """{"agentId":"edge-01","site":{"enterprise":"Acme","name":"SiteA"},"connections":[{"id":"line-s7","protocol":"S7","agent":"edge-01","endpoint":{"kind":"s7","host":"10.0.0.7","port":102,"rack":0,"slot":1},"pollGroups":[{"name":"fast","interval":250}]},{"id":"press-plc","protocol":"ModbusTcp","agent":"edge-01","endpoint":{"kind":"modbusTcp","host":"127.0.0.1","port":502,"unitId":1},"pollGroups":[{"name":"fast","interval":100},{"name":"slow","interval":5000}]}],"tags":[{"path":"Acme/SiteA/Press/Line1/Press_Machine/Temperature_C","connection":"press-plc","address":"HR100","dataType":"Float32","byteOrder":"Abcd","reportByException":true,"pollGroup":"fast","writable":false,"critical":false}],"diodeMode":true}""");
    }

    [Fact]
    public void Serialize_WritePolicy_WritesTheCommandKeyAndDiodeModeLast()
    {
        var json = Encoding.UTF8.GetString(CanonicalConfigJson.Serialize(SmallConfiguration() with { CommandKey = "AAEC", DiodeMode = false }));

        json.Should().EndWith("\"writable\":false,\"critical\":false}],\"commandKey\":\"AAEC\",\"diodeMode\":false}");
        CanonicalConfigJson.Deserialize(Encoding.UTF8.GetBytes(json)).Should().Be(SmallConfiguration() with { CommandKey = "AAEC", DiodeMode = false });
    }

    [Fact]
    public void Deserialize_Canonical_RoundTripsTheRichMap()
    {
        var map = TagMaps.RichTagMap.Create();
        foreach (var agent in AgentConfigurationCompiler.Agents(map))
        {
            var configuration = AgentConfigurationCompiler.Compile(map, agent);

            CanonicalConfigJson.Deserialize(CanonicalConfigJson.Serialize(configuration)).Should().Be(configuration);
        }
    }

    [Theory]
    [InlineData("\"writable\":false", "\"writable\":false,\"extra\":1")]
    [InlineData("\"port\":502", "\"port\":502.0")]
    [InlineData("\"agentId\":\"edge-01\"", "\"agentId\":\"edge-01\",\"agentId\":\"edge-01\"")]
    [InlineData("\"path\":\"Acme/SiteA/Press/Line1/Press_Machine/Temperature_C\"", "\"path\":\"Acme/SiteA/Press/Line1/Press_Machine/#\"")]
    [InlineData("\"address\":\"HR100\",", "")]
    public void Deserialize_NonCanonicalOrInvalid_Throws(string find, string replace)
    {
        var json = Encoding.UTF8.GetString(CanonicalConfigJson.Serialize(SmallConfiguration()));
        json.Should().Contain(find);

        var act = () => CanonicalConfigJson.Deserialize(Encoding.UTF8.GetBytes(json.Replace(find, replace, StringComparison.Ordinal)));

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Compile_UploadOrder_DoesNotChangeTheBytes()
    {
        var map = TagMaps.RichTagMap.Create();
        var shuffled = map with { Connections = [.. map.Connections.Reverse()], Tags = [.. map.Tags.Reverse()] };

        CanonicalConfigJson.Serialize(AgentConfigurationCompiler.Compile(shuffled, "edge-01"))
            .Should().Equal(CanonicalConfigJson.Serialize(AgentConfigurationCompiler.Compile(map, "edge-01")));
    }

    [Fact]
    public void Compile_TakesOnlyTheAgentsConnectionsAndTags()
    {
        var map = TagMaps.RichTagMap.Create();

        var configuration = AgentConfigurationCompiler.Compile(map, "edge-02");

        configuration.Connections.Select(c => c.Id).Should().Equal("mes-ua", "ua-anon");
        configuration.Tags.Should().OnlyContain(tag => tag.Connection == "mes-ua" || tag.Connection == "ua-anon").And.HaveCount(2);
        AgentConfigurationCompiler.Agents(map).Should().Equal("edge-01", "edge-02");
    }
}
