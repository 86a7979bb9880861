namespace Proxus.Core.Commands;

/// <summary>Why an agent did not execute a command (<see cref="None"/> when it did).</summary>
public enum CommandRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>Larger than <see cref="CommandVerifier.MaxEnvelopeBytes"/>; not parsed.</summary>
    TooLarge,

    /// <summary>Not a command envelope: bad JSON, wrong members or format, an invalid command.</summary>
    Malformed,

    /// <summary>Valid JSON but not byte-for-byte the canonical form.</summary>
    NonCanonical,

    /// <summary>The agent's configuration carries no command key, or a different one.</summary>
    UnknownKey,

    /// <summary>The signature does not match.</summary>
    BadSignature,

    /// <summary>Meant for another agent.</summary>
    WrongAgent,

    /// <summary>Issued in the future beyond the clock-skew allowance.</summary>
    NotYetValid,

    /// <summary>Past its expiry (with the clock-skew allowance).</summary>
    Expired,

    /// <summary>The nonce was seen before: the command is not executed again.</summary>
    Replay,

    /// <summary>The site is read-only (diode mode).</summary>
    DiodeMode,

    /// <summary>The tag is not in the agent's configuration.</summary>
    UnknownTag,

    /// <summary>The tag is not writable in the agent's configuration.</summary>
    NotWritable,

    /// <summary>The command's data type differs from the tag's, or the value is not of that type.</summary>
    TypeMismatch,

    /// <summary>The value is outside the tag's write limits.</summary>
    OutOfLimits,

    /// <summary>The tag's protocol, data type or scaling has no governed write path.</summary>
    Unsupported,
}
