namespace Proxus.Core.Uns;

/// <summary>Why a text is not a valid UNS path, with a message fit for an OT engineer.</summary>
public sealed record UnsPathError(UnsPathErrorCode Code, string Message)
{
    public override string ToString() => Message;
}
