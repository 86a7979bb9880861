using System.Globalization;
using System.Text;
using Proxus.Agent.Storage;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// The per-agent sequence number of UNS messages, increasing across restarts. The agent reserves
/// blocks: the upper bound of the current block is written to disk (atomically) before any number
/// of it is used, and a restart continues from that bound. A crash therefore skips the unused rest
/// of a block (a visible, harmless jump) but never repeats a number.
/// </summary>
public sealed class SequenceAllocator
{
    public const long BlockSize = 100_000;

    private readonly string _path;
    private readonly object _gate = new();
    private long _next;
    private long _reserved;

    public SequenceAllocator(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _next = ReadBound(path) + 1;
        _reserved = _next - 1;
    }

    public static SequenceAllocator Open(AgentPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new SequenceAllocator(paths.SequencePath);
    }

    /// <summary>The last number handed out (0 before the first).</summary>
    public long Current
    {
        get { lock (_gate) { return _next - 1; } }
    }

    public long Next()
    {
        lock (_gate)
        {
            if (_next > _reserved)
            {
                _reserved = _next + BlockSize - 1;
                AtomicFile.Write(_path, Encoding.ASCII.GetBytes(_reserved.ToString(CultureInfo.InvariantCulture)), AtomicFile.OwnerOnly);
            }

            return _next++;
        }
    }

    private static long ReadBound(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        // A damaged file (it is written atomically, so only outside interference damages it) must
        // not make the agent repeat numbers: continue from a floor no earlier run can have passed
        // at its rate of at most a thousand messages per millisecond.
        var text = File.ReadAllText(path).Trim();
        return text.Length <= 20 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bound) && bound >= 0
            ? bound
            : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    }
}
