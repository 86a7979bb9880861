using System.Security.Cryptography;
using System.Text;
using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Monitoring;

public sealed class WebhookSignatureTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event\":\"alert.raised\"}");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

    [Fact]
    public void Compute_KnownInput_HmacOverTimestampDotBody()
    {
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1795000000.{\"event\":\"alert.raised\"}")));

        WebhookSignature.Compute(Secret, 1_795_000_000, Body).Should().Be(expected);
    }

    [Fact]
    public void Verify_GenuineWithinTolerance_True()
        => WebhookSignature.Verify(Secret, "1795000000", WebhookSignature.Compute(Secret, 1_795_000_000, Body), Body, Now.AddSeconds(30), TimeSpan.FromMinutes(5)).Should().BeTrue();

    [Theory]
    [InlineData("1795000000", "tampered")]
    [InlineData("1795000001", "timestamp")]
    [InlineData("17950000OO", "malformed")]
    [InlineData("1794999000", "stale")]
    public void Verify_TamperedReplayedOrMalformed_False(string timestamp, string variant)
    {
        var body = variant == "tampered" ? Encoding.UTF8.GetBytes("{\"event\":\"alert.raisee\"}") : Body;
        var signature = WebhookSignature.Compute(Secret, variant == "stale" ? 1_794_999_000 : 1_795_000_000, Body);

        WebhookSignature.Verify(Secret, timestamp, signature, body, Now, TimeSpan.FromMinutes(5)).Should().BeFalse(variant);
    }
}
