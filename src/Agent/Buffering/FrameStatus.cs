namespace Proxus.Agent.Buffering;

/// <summary>What <see cref="SegmentReader.Read"/> found at its position.</summary>
internal enum FrameStatus
{
    /// <summary>A record whose header and payload check out.</summary>
    Record,

    /// <summary>A record whose header checks out but whose payload does not: skipped, its sequence is known.</summary>
    CorruptRecord,

    /// <summary>The position is at the end of the readable bytes.</summary>
    End,

    /// <summary>No valid frame lies between the position and the end: a torn write, or garbage.</summary>
    Incomplete,
}
