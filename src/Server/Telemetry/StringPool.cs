using System.Collections.Concurrent;

namespace Proxus.Server.Telemetry;

/// <summary>
/// One shared instance of each short string the payloads repeat (units, source addresses), looked
/// up by its characters, so that parsing a value does not make a new string of its unit and later
/// comparisons of equal strings are reference comparisons. Bounded: past
/// <paramref name="capacity"/> distinct strings, new ones are returned unshared.
/// </summary>
internal sealed class StringPool(int capacity)
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public string Get(ReadOnlySpan<char> characters)
    {
        if (_strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(characters, out var shared))
        {
            return shared;
        }

        var created = characters.ToString();
        if (Volatile.Read(ref _count) >= capacity)
        {
            return created;
        }

        shared = _strings.GetOrAdd(created, created);
        if (ReferenceEquals(shared, created))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }
}
