namespace Proxus.Core.Configuration;

/// <summary>Why an agent refused a configuration envelope.</summary>
public enum ConfigVerificationFailure
{
    /// <summary>The envelope verified.</summary>
    None,

    /// <summary>Larger than the limit; not parsed.</summary>
    TooLarge,

    /// <summary>Not an envelope: bad JSON, wrong members, wrong format, a payload that is not a configuration.</summary>
    Malformed,

    /// <summary>Valid JSON but not byte-for-byte the canonical form.</summary>
    NonCanonical,

    /// <summary>Signed with a key id the agent does not trust.</summary>
    UnknownKey,

    /// <summary>The signature does not match the header and payload.</summary>
    BadSignature,

    /// <summary>Meant for another agent.</summary>
    WrongAgent,

    /// <summary>Issued in the future, beyond the clock-skew allowance.</summary>
    NotYetValid,

    /// <summary>Past its expiry (with the clock-skew allowance).</summary>
    Expired,

    /// <summary>Not newer than the version the agent runs (a replay or rollback).</summary>
    Rollback,
}
