namespace Proxus.Agent.Tests.Support;

/// <summary>A clock that stands still until the test moves it (for logic that reads the time, not for timers).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
