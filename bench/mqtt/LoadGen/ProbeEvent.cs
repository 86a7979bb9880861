using System.Globalization;
using Proxus.Bench.ServerProbe;

namespace Proxus.Bench.Mqtt;

/// <summary>One line of the probe's output (<see cref="ServerProbes.TimelineVariable"/>, bench/ServerProbe): a GC pause, a late wake-up or a late thread-pool item.</summary>
/// <param name="Kind"><c>gc</c>, <c>suspend</c>, <c>stall</c> or <c>pool</c>.</param>
/// <param name="At">When it began (UTC).</param>
/// <param name="Duration">How long it lasted.</param>
/// <param name="Value">The generation of a GC, the thread-pool threads at a suspension, -1 otherwise.</param>
public sealed record ProbeEvent(string Kind, DateTime At, TimeSpan Duration, int Value)
{
    /// <summary>The events in a probe file; a half-written last line (the broker was stopped while writing) is skipped.</summary>
    public static IReadOnlyList<ProbeEvent> Read(string path)
    {
        var events = new List<ProbeEvent>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ');
            if (fields.Length == 4
                && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var at)
                && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var duration)
                && int.TryParse(fields[3], CultureInfo.InvariantCulture, out var value))
            {
                events.Add(new ProbeEvent(fields[0], new DateTime(at, DateTimeKind.Utc), TimeSpan.FromTicks(duration), value));
            }
        }

        return events;
    }
}
