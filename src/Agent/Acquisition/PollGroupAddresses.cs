using Proxus.Core.Model;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// The tags of one poll group as a driver addresses them: each tag's driver address, or why the
/// driver refuses it (a malformed address, a type it cannot read). Only the readable tags go to the
/// device; every poll still answers one reading per tag, in the order the group was created with.
/// </summary>
/// <typeparam name="TAddress">The driver's address of a tag (a Modbus tag, an S7 address, an OPC UA node id).</typeparam>
internal sealed class PollGroupAddresses<TAddress>
{
    private readonly string?[] _refused;

    /// <param name="tags">The group's tags.</param>
    /// <param name="toAddress">The driver's address of a tag; throws when the driver refuses it.</param>
    /// <param name="isRefusal">Which exceptions of <paramref name="toAddress"/> mean "this tag cannot be read".</param>
    public PollGroupAddresses(IReadOnlyList<Tag> tags, Func<Tag, TAddress> toAddress, Func<Exception, bool> isRefusal)
    {
        _refused = new string?[tags.Count];
        var readable = new List<TAddress>(tags.Count);
        for (var i = 0; i < tags.Count; i++)
        {
            try
            {
                readable.Add(toAddress(tags[i]));
            }
            catch (Exception exception) when (isRefusal(exception))
            {
                _refused[i] = exception.Message;
            }
        }

        Readable = readable;
    }

    /// <summary>The addresses of the tags the driver accepted, in group order: what one poll asks the device for.</summary>
    public IReadOnlyList<TAddress> Readable { get; }

    /// <summary>Every tag bad: a refused tag with its own reason, the others with <paramref name="reason"/> (the connection failed).</summary>
    public RawReading[] AllBad(string reason, DateTimeOffset at)
    {
        var readings = new RawReading[_refused.Length];
        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = RawReading.Bad(_refused[i] ?? reason, at);
        }

        return readings;
    }

    /// <summary>
    /// One reading per tag: a refused tag bad with its reason, the others from the device's results
    /// (one per <see cref="Readable"/> address, in the same order) through <paramref name="toReading"/>,
    /// which also gets the tag's index in the group.
    /// </summary>
    public RawReading[] Merge<TResult>(IReadOnlyList<TResult> results, DateTimeOffset now, Func<TResult, int, RawReading> toReading)
    {
        var readings = new RawReading[_refused.Length];
        for (int i = 0, next = 0; i < readings.Length; i++)
        {
            readings[i] = _refused[i] is { } refused ? RawReading.Bad(refused, now) : toReading(results[next++], i);
        }

        return readings;
    }
}
