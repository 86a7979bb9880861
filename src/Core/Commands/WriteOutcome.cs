namespace Proxus.Core.Commands;

/// <summary>What became of a command on the agent.</summary>
public enum WriteOutcome
{
    /// <summary>Written and read back; <see cref="WriteResult.ReadBack"/> holds the value read.</summary>
    Succeeded,

    /// <summary>The device refused or did not answer; <see cref="WriteResult.Error"/> says why. The value may or may not be set.</summary>
    Failed,

    /// <summary>An edge check failed (<see cref="WriteResult.Refusal"/>); nothing was written.</summary>
    Refused,
}
