using System.Text;
using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>RFC 5424 output: known-good bytes, escaping of hostile values, UTF-8 MSG, datagram limits.</summary>
public sealed class SyslogFormatterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 1, 234, TimeSpan.Zero);
    private static readonly SyslogOptions Options = new() { Host = "127.0.0.1", Facility = 10, Hostname = "proxus-1", AppName = "proxus" };

    [Fact]
    public void Format_AlertMessage_KnownGoodBytes()
    {
        var message = new SyslogMessage(2, At, "ALERT", [new SyslogStructuredElement("proxusAlert@32473", [new("rule", "revoked-certificate"), new("count", "1"), new("source", null)])], "Revoked certificate:0A presented");

        var text = Encoding.UTF8.GetString(SyslogFormatter.Format(message, Options));

        text.Should().Be($"<82>1 2026-11-22T10:00:01.234000Z proxus-1 proxus {Environment.ProcessId} ALERT [proxusAlert@32473 rule=\"revoked-certificate\" count=\"1\"] Revoked certificate:0A presented");
    }

    [Fact]
    public void Format_HostileParameterValue_EscapedWithinOneLine()
    {
        var message = new SyslogMessage(4, At, "ALERT", [new SyslogStructuredElement("proxusAlert@32473", [new("subject", "a\"b\\c]d\n<13>1 forged")])], "x\r\ny");

        var text = Encoding.UTF8.GetString(SyslogFormatter.Format(message, Options));

        text.Should().Contain("subject=\"a\\\"b\\\\c\\]d\\\\u000A<13>1 forged\"").And.EndWith(" x\\u000D\\u000Ay");
        text.Should().NotContain("\n").And.NotContain("\r");
    }

    [Fact]
    public void Format_NonAsciiMessage_Utf8WithBom()
    {
        var message = new SyslogMessage(5, At, "ALERT", [], "Presse Süd");

        var bytes = SyslogFormatter.Format(message, Options);

        var text = Encoding.UTF8.GetString(bytes);
        text.Should().Contain(" ALERT - \uFEFFPresse Süd");
    }

    [Fact]
    public void Format_EmptyHeaderFieldsAndSpaces_NilValueAndReplaced()
    {
        var message = new SyslogMessage(6, At, "", [], string.Empty);

        var text = Encoding.UTF8.GetString(SyslogFormatter.Format(message, new SyslogOptions { Host = "h", Hostname = "two words", AppName = "proxus" }));

        text.Should().Be($"<86>1 2026-11-22T10:00:01.234000Z two?words proxus {Environment.ProcessId} - -");
    }

    [Fact]
    public void Format_OverDatagramLimit_DropsTrailingElementsThenCutsMessageOnCharacterBoundary()
    {
        var details = new SyslogStructuredElement("proxusAlertDetails@32473", [new("reason", new string('r', 1500))]);
        var message = new SyslogMessage(3, At, "ALERT", [new SyslogStructuredElement("proxusAlert@32473", [new("rule", "auth-failures")]), details], new string('ü', 800));

        var bytes = SyslogFormatter.Format(message, Options, maxBytes: 480);

        bytes.Length.Should().BeLessThanOrEqualTo(480);
        var text = Encoding.UTF8.GetString(bytes);
        text.Should().Contain("[proxusAlert@32473 rule=\"auth-failures\"]").And.NotContain("proxusAlertDetails");
        text.Should().NotContain("\uFFFD", "no character is split");
    }
}
