using Proxus.Server.Audit;

namespace Proxus.Server.Tests.Audit;

public sealed class AuditValueTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nb", "a\\u000Ab")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("del\u007F", "del\\u007F")]
    [InlineData("c1\u0085", "c1\\u0085")]
    [InlineData("rtl\u202Egnp.exe", "rtl\\u202Egnp.exe")]
    [InlineData("isolate\u2066x\u2069", "isolate\\u2066x\\u2069")]
    [InlineData("sep\u2028", "sep\\u2028")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("Ünïcödé ok", "Ünïcödé ok")]
    public void Escape_Value_ControlCharactersEscaped(string value, string expected)
        => AuditValue.Escape(value, 100).Should().Be(expected);

    [Fact]
    public void Escape_TooLong_TruncatedWithMarker()
    {
        var escaped = AuditValue.Escape(new string('a', 300), 50);

        escaped.Should().HaveLength(50).And.EndWith("...[truncated]");
    }

    [Fact]
    public void Escape_Null_Empty() => AuditValue.Escape(null, 10).Should().BeEmpty();

    [Fact]
    public void ComputeHash_FieldBoundariesMoved_DifferentHash()
    {
        var first = Entry("ab", "c");
        var second = Entry("a", "bc");

        AuditHasher.ComputeHash(first).Should().NotEqual(AuditHasher.ComputeHash(second));
        AuditHasher.ComputeHash(first).Should().Equal(AuditHasher.ComputeHash(Entry("ab", "c")));
    }

    private static AuditEntry Entry(string actor, string subject) => new()
    {
        Sequence = 1,
        Timestamp = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
        Actor = actor,
        Type = "t",
        Subject = subject,
        Data = "{}",
        PreviousHash = new byte[32],
        Hash = [],
    };
}
