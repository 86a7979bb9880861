namespace Proxus.Server.Monitoring;

/// <summary>A filter over alerts, newest (by last seen) first. <see cref="From"/>/<see cref="To"/> select alerts active in that range.</summary>
public sealed record AlertQuery
{
    public const int MaxLimit = 500;

    public AlertState? State { get; init; }

    public AlertSeverity? Severity { get; init; }

    public string? Rule { get; init; }

    /// <summary>Alerts last seen at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Alerts first seen at or before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 100;
}
