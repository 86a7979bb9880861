using System.Text;
using Proxus.Core.Commands;

namespace Proxus.Core.Tests.Commands;

public sealed class WriteResultJsonTests
{
    private static readonly WriteResult Success = new(
        Guid.NewGuid(), "edge-01", "00112233445566778899aabbccddeeff", WriteOutcome.Succeeded, CommandRefusal.None, "12.5", null, false,
        new DateTimeOffset(2026, 11, 21, 10, 0, 0, 123, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 10, 0, 0, 456, TimeSpan.Zero));

    [Fact]
    public void TryParse_Serialized_RoundTrips()
    {
        WriteResultJson.TryParse(WriteResultJson.Serialize(Success), out var parsed, out var problem).Should().BeTrue(problem);
        parsed.Should().Be(Success);
    }

    [Fact]
    public void TryParse_Refusal_RoundTrips()
    {
        var refused = Success with { Outcome = WriteOutcome.Refused, Refusal = CommandRefusal.OutOfLimits, ReadBack = null, Error = "too high" };

        WriteResultJson.TryParse(WriteResultJson.Serialize(refused), out var parsed, out _).Should().BeTrue();
        parsed.Should().Be(refused);
    }

    [Fact]
    public void TryParse_Oversized_IsRefusedBeforeParsing()
    {
        WriteResultJson.TryParse(new byte[WriteResultJson.MaxBytes + 1], out _, out var problem).Should().BeFalse();
        problem.Should().Contain("limit");
    }

    [Theory]
    [InlineData("\"outcome\":\"Succeeded\"", "\"outcome\":\"Exploded\"")]
    [InlineData("\"outcome\":\"Succeeded\"", "\"outcome\":\"Refused\"")]
    [InlineData("\"refusal\":\"None\"", "\"refusal\":\"Replay\"")]
    [InlineData("\"readBack\":\"12.5\",", "")]
    [InlineData("\"agentId\":\"edge-01\"", "\"agentId\":\"edge-01\",\"extra\":1")]
    [InlineData("\"nonce\":\"00112233445566778899aabbccddeeff\"", "\"nonce\":\"00\"")]
    [InlineData("\"duplicate\":false", "\"duplicate\":false,\"duplicate\":true")]
    public void TryParse_Malformed_IsRefused(string find, string replace)
    {
        var json = Encoding.UTF8.GetString(WriteResultJson.Serialize(Success)).Replace(find, replace, StringComparison.Ordinal);

        WriteResultJson.TryParse(Encoding.UTF8.GetBytes(json), out var parsed, out var problem).Should().BeFalse(json);
        parsed.Should().BeNull();
        problem.Should().NotBeNullOrEmpty();
    }
}
