namespace Proxus.Agent.Buffering;

/// <summary>What <see cref="SegmentHeader.Read"/> found at the start of a segment file.</summary>
internal enum SegmentHeaderStatus
{
    Valid,
    Truncated,
    WrongMagic,
    BadChecksum,
    UnsupportedVersion,
    InvalidFirstSequence,
}
