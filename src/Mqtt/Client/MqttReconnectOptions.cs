namespace Proxus.Mqtt.Client;

/// <summary>
/// Automatic reconnection after a lost connection: exponential backoff with "equal jitter" — the
/// n-th attempt waits a random time between half and all of
/// <c>min(MaximumDelay, InitialDelay * 2^n)</c>, so a fleet of agents that lost the server at
/// the same moment does not come back at the same moment.
/// </summary>
public sealed record MqttReconnectOptions
{
    public bool Enabled { get; init; } = true;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before reconnect attempt <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan GetDelay(int attempt, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        ceiling = Math.Min(ceiling, MaximumDelay.TotalMilliseconds);
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (random.NextDouble() * half));
    }

    internal void Validate(List<string> errors)
    {
        if (InitialDelay <= TimeSpan.Zero || MaximumDelay < InitialDelay)
        {
            errors.Add($"Reconnect delays must be positive with {nameof(MaximumDelay)} >= {nameof(InitialDelay)}.");
        }
    }
}
