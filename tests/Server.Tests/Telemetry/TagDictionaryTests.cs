using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Telemetry;

public sealed class TagDictionaryTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pending_EveryTagKnownWithItsUnitAndSource_Nothing()
    {
        var tags = Known();

        tags.Pending([Point("A/b", "degC", "DB1.DBD0"), Point("A/b", null, null), Point("A/c", "bar", null)]).Should().BeEmpty();
    }

    [Fact]
    public void Pending_KnownTagStatesAnotherUnit_ThatTagWithTheNewUnitAndTheKnownSource()
    {
        var tags = Known();

        tags.Pending([Point("A/c", "bar", null), Point("A/b", "degF", null), Point("A/b", null, null)])
            .Should().Equal(new PendingTag("A/b", "degF", "DB1.DBD0"));
    }

    [Fact]
    public void Pending_KnownTagStatesAnotherSource_ThatTagWithTheNewSource()
    {
        var tags = Known();

        tags.Pending([Point("A/c", null, "40001")]).Should().Equal(new PendingTag("A/c", "bar", "40001"));
    }

    [Fact]
    public void Pending_UnknownTagsAmongKnownOnes_TheUnknownSortedByPath()
    {
        var tags = Known();

        tags.Pending([Point("A/z", null, null), Point("A/b", "degC", null), Point("A/a", "V", null)])
            .Should().Equal(new PendingTag("A/a", "V", null), new PendingTag("A/z", null, null));
    }

    private static TagDictionary Known()
    {
        var tags = new TagDictionary();
        tags.Set("A/b", new TagEntry(1, "degC", "DB1.DBD0"));
        tags.Set("A/c", new TagEntry(2, "bar", null));
        return tags;
    }

    private static TelemetryPoint Point(string path, string? unit, string? source)
        => new(path, Time, Time, 1.0, null, null, TelemetryQuality.Good, unit, source, null);
}
