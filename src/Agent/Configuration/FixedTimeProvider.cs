namespace Proxus.Agent.Configuration;

/// <summary>A clock that always reads one instant: re-verifies a stored envelope as of when it was issued.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
