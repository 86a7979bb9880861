using Microsoft.Extensions.Logging;
using Proxus.Server.Telemetry;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>A flood of malformed UNS messages gives a few log lines that still count every message.</summary>
public sealed class MalformedMessageLogTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void Report_FloodWithinInterval_FirstLoggedRestCountedInTheNextLine()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var logger = new RecordingLogger<MalformedMessageLogTests>();
        var log = new MalformedMessageLog(logger, clock, Interval);

        for (var i = 0; i < 1_000; i++)
        {
            log.Report("Acme/Line1/Press", "the payload is not JSON");
        }

        logger.Entries.Should().ContainSingle().Which.Message.Should().Contain("Acme/Line1/Press").And.Contain("the payload is not JSON");
        clock.Advance(Interval);
        log.Report("Acme/Line1/Oven", "no value");

        logger.Entries.Should().HaveCount(2);
        logger.Entries.Last().Message.Should().Contain("Acme/Line1/Oven").And.Contain("999 more malformed");
        logger.Entries.Should().OnlyContain(entry => entry.EventId == 8000 && entry.Level == LogLevel.Warning);
    }

    [Fact]
    public void Report_ControlCharactersInTopic_Escaped()
    {
        var logger = new RecordingLogger<MalformedMessageLogTests>();
        var log = new MalformedMessageLog(logger, TimeProvider.System, Interval);

        log.Report("Acme/\nforged line", "no value");

        logger.Entries.Single().Message.Should().NotContain("\n");
    }
}
