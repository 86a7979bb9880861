namespace Proxus.Server.Writes;

/// <summary>How a refused write operation maps to HTTP.</summary>
public enum WriteErrorKind
{
    /// <summary>400: the request is invalid (tag not writable, value out of limits, bad window...).</summary>
    Invalid,

    /// <summary>403: the caller may not do this (self-approval, no access to the site).</summary>
    Forbidden,

    /// <summary>404: no such request or tag visible to the caller.</summary>
    NotFound,

    /// <summary>409: the request is not in a state that allows it (already decided, concurrent change).</summary>
    Conflict,
}
