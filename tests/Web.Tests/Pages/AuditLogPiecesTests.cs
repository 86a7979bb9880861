using Proxus.Web.Components.Pages.Audit;

namespace Proxus.Web.Tests.Pages;

/// <summary>Where the audit table may wrap an actor or an event type: after a dot, before the @ of an address, nowhere else.</summary>
public sealed class AuditLogPiecesTests
{
    [Theory]
    [InlineData("configuration.agent-config-issued", new[] { "configuration.", "agent-config-issued" })]
    [InlineData("user:admin@127.0.0.1", new[] { "user:admin", "@127.0.0.1" })]
    [InlineData("user:first.last@::1", new[] { "user:first.", "last", "@::1" })]
    [InlineData("system", new[] { "system" })]
    [InlineData("@start", new[] { "@start" })]
    [InlineData("trailing.", new[] { "trailing." })]
    [InlineData("", new[] { "" })]
    public void Pieces_Text_CutAfterDotsAndBeforeAt(string text, string[] expected)
    {
        var pieces = AuditLog.Pieces(text);

        pieces.Should().Equal(expected);
        string.Concat(pieces).Should().Be(text, "the pieces are the whole text, in order");
    }
}
