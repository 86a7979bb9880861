using System.Globalization;

namespace Proxus.Bench.Agent;

/// <summary>The benchmark's command line.</summary>
public sealed record BenchOptions(string? Agent, int Tags, TimeSpan Duration, int ClockPollMs, IReadOnlyDictionary<string, string> Environment)
{
    /// <exception cref="ArgumentException">An unknown option, a missing value or a malformed one.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? agent = null;
        int tags = 10_000, seconds = 60, clockPollMs = 100;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.", nameof(args));
            switch (args[i])
            {
                case "--agent":
                    agent = Path.GetFullPath(value);
                    break;
                case "--tags":
                    tags = Positive(args[i], value);
                    break;
                case "--duration":
                    seconds = Positive(args[i], value);
                    break;
                case "--clock-poll-ms":
                    clockPollMs = Positive(args[i], value);
                    break;
                case "--env" when value.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals:
                    environment[value[..equals]] = value[(equals + 1)..];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]} {value}.", nameof(args));
            }
        }

        return new BenchOptions(agent, tags, TimeSpan.FromSeconds(seconds), clockPollMs, environment);
    }

    private static int Positive(string option, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{option} needs a positive integer, not '{value}'.", nameof(option));
}
