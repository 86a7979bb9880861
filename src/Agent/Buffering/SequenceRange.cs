namespace Proxus.Agent.Buffering;

/// <summary>The sequences from <paramref name="Start"/> to <paramref name="End"/>, both included.</summary>
internal readonly record struct SequenceRange(long Start, long End)
{
    public long Count => End - Start + 1;
}
