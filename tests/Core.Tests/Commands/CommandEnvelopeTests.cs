using System.Security.Cryptography;
using System.Text;
using Proxus.Core.Commands;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Core.Tests.Configuration;
using Proxus.Core.Uns;

namespace Proxus.Core.Tests.Commands;

public sealed class CommandEnvelopeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ManualClock _clock = new(Now);

    public void Dispose() => _key.Dispose();

    internal static WriteCommand Command(string value = "12.5", DateTimeOffset? issuedAt = null) => new(
        Guid.Parse("7b0c5f3e-4a57-4d0e-9f3c-0d3c1b2a4e5f"),
        "edge-01",
        UnsPath.Parse("Acme/SiteA/Press/Line1/Press_Machine/Setpoint"),
        DataType.Float32,
        value,
        "00112233445566778899aabbccddeeff",
        issuedAt ?? Now,
        (issuedAt ?? Now).AddMinutes(1));

    private CommandVerifier Verifier(ECDsa? key = null) => new(key ?? _key, _clock);

    [Fact]
    public void Verify_SignedCommand_ReturnsIt()
    {
        var result = Verifier().Verify(new CommandSigner(_key).Sign(Command()), "edge-01");

        result.Succeeded.Should().BeTrue(result.Message);
        result.Command.Should().Be(Command());
    }

    [Fact]
    public void Sign_Command_IsTheDocumentedLayout()
    {
        var json = Encoding.UTF8.GetString(new CommandSigner(_key).Sign(Command()));

        json.Should().StartWith("{\"header\":{\"format\":\"proxus-command/1\",\"keyId\":\"" + ConfigSigningKey.KeyIdOf(_key) + "\"},\"payload\":"
            + "{\"requestId\":\"7b0c5f3e-4a57-4d0e-9f3c-0d3c1b2a4e5f\",\"agentId\":\"edge-01\",\"tag\":\"Acme/SiteA/Press/Line1/Press_Machine/Setpoint\","
            + "\"dataType\":\"Float32\",\"value\":\"12.5\",\"nonce\":\"00112233445566778899aabbccddeeff\","
            + "\"issuedAt\":\"2026-11-21T10:00:00Z\",\"expiresAt\":\"2026-11-21T10:01:00Z\"},\"signature\":\"");
    }

    [Fact]
    public void Verify_EverySingleFlippedByte_IsRejected()
    {
        var envelope = new CommandSigner(_key).Sign(Command());
        var verifier = Verifier();

        for (var i = 0; i < envelope.Length; i++)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[i] ^= 0x01;
            verifier.Verify(tampered, "edge-01").Succeeded.Should().BeFalse($"byte {i} was flipped");
        }
    }

    [Fact]
    public void Verify_SignedByAnotherKey_IsUnknownKey()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = Verifier().Verify(new CommandSigner(other).Sign(Command()), "edge-01");

        result.Refusal.Should().Be(CommandRefusal.UnknownKey);
    }

    [Fact]
    public void Verify_ForgedSignatureUnderTheTrustedKeyId_IsBadSignature()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Encoding.UTF8.GetString(new CommandSigner(other).Sign(Command()))
            .Replace(ConfigSigningKey.KeyIdOf(other), ConfigSigningKey.KeyIdOf(_key), StringComparison.Ordinal);

        Verifier().Verify(Encoding.UTF8.GetBytes(forged), "edge-01").Refusal.Should().Be(CommandRefusal.BadSignature);
    }

    [Fact]
    public void Verify_OtherAgent_IsWrongAgent()
    {
        Verifier().Verify(new CommandSigner(_key).Sign(Command()), "edge-02").Refusal.Should().Be(CommandRefusal.WrongAgent);
    }

    [Fact]
    public void Verify_AfterExpiryAndSkew_IsExpired()
    {
        var envelope = new CommandSigner(_key).Sign(Command());
        _clock.Now = Now.AddMinutes(1) + CommandVerifier.DefaultClockSkew;

        Verifier().Verify(envelope, "edge-01").Refusal.Should().Be(CommandRefusal.Expired);
    }

    [Fact]
    public void Verify_IssuedBeyondSkewInTheFuture_IsNotYetValid()
    {
        var envelope = new CommandSigner(_key).Sign(Command(issuedAt: Now.AddMinutes(5)));

        Verifier().Verify(envelope, "edge-01").Refusal.Should().Be(CommandRefusal.NotYetValid);
    }

    [Fact]
    public void Verify_Oversized_IsTooLargeBeforeParsing()
    {
        Verifier().Verify(new byte[CommandVerifier.MaxEnvelopeBytes + 1], "edge-01").Refusal.Should().Be(CommandRefusal.TooLarge);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"header\":{},\"payload\":{},\"signature\":\"AA==\"}")]
    [InlineData("[1,2,3]")]
    public void Verify_Garbage_IsMalformed(string text)
    {
        Verifier().Verify(Encoding.UTF8.GetBytes(text), "edge-01").Refusal.Should().Be(CommandRefusal.Malformed);
    }

    [Fact]
    public void Verify_AddedWhitespace_IsNonCanonical()
    {
        var envelope = Encoding.UTF8.GetString(new CommandSigner(_key).Sign(Command())).Replace("{\"header\":", "{ \"header\":", StringComparison.Ordinal);

        Verifier().Verify(Encoding.UTF8.GetBytes(envelope), "edge-01").Refusal.Should().Be(CommandRefusal.NonCanonical);
    }

    [Theory]
    [InlineData("12.50")]
    [InlineData("abc")]
    [InlineData("1e400")]
    public void Sign_NonCanonicalValue_IsRefused(string value)
    {
        var act = () => new CommandSigner(_key).Sign(Command(value));

        act.Should().Throw<ArgumentException>().WithMessage("not a valid command*");
    }

    [Fact]
    public void Sign_LifetimeBeyondOneDay_IsRefused()
    {
        var act = () => new CommandSigner(_key).Sign(Command() with { ExpiresAt = Now.AddDays(2) });

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ReadUnverified_Envelope_ReturnsTheCommandForAttribution()
    {
        CommandVerifier.ReadUnverified(new CommandSigner(_key).Sign(Command())).Should().Be(Command());
        CommandVerifier.ReadUnverified("garbage"u8).Should().BeNull();
    }

    [Fact]
    public void CommandKey_RoundTripsAndRefusesOtherCurvesAndGarbage()
    {
        using var decoded = CommandKey.Decode(CommandKey.Encode(_key));
        ConfigSigningKey.KeyIdOf(decoded).Should().Be(ConfigSigningKey.KeyIdOf(_key));

        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var otherCurve = () => CommandKey.Decode(Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo()));
        otherCurve.Should().Throw<FormatException>();
        var garbage = () => CommandKey.Decode("bm90IGEga2V5");
        garbage.Should().Throw<FormatException>();
    }

    [Fact]
    public void NewNonce_Is32LowerHexAndFresh()
    {
        var first = CommandSigner.NewNonce();

        first.Should().MatchRegex("^[0-9a-f]{32}$");
        CommandSigner.NewNonce().Should().NotBe(first);
    }
}
