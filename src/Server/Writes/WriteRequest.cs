namespace Proxus.Server.Writes;

/// <summary>
/// A request to write one value to one writable tag, and where it stands. Every change goes through
/// <see cref="WriteRequestService"/> with a conditional update on <see cref="Version"/>, so two
/// concurrent decisions never both apply; every change is also a <see cref="WriteRequestEvent"/>
/// and an audit entry.
/// </summary>
public sealed class WriteRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxActorLength = 256;
    public const int MaxTagLength = 1024;
    public const int MaxValueLength = 64;
    public const int MaxErrorLength = 1000;

    public Guid Id { get; set; }

    public Guid SiteId { get; set; }

    public Guid AgentId { get; set; }

    /// <summary>The tag's UNS path.</summary>
    public required string Tag { get; set; }

    /// <summary>The type of the value (<see cref="Core.Commands.CommandValue.ValueTypeOf"/>).</summary>
    public required string DataType { get; set; }

    /// <summary>Canonical value text in the tag's published unit.</summary>
    public required string Value { get; set; }

    public required string Reason { get; set; }

    /// <summary>The tag-map version the request was checked against.</summary>
    public int TagMapVersion { get; set; }

    public Guid RequestedById { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Optional start of the execution window: not dispatched before.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Optional end of the execution window.</summary>
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>Not approved and dispatched by then: expired.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public bool Critical { get; set; }

    /// <summary>1, or 2 for a critical tag.</summary>
    public int ApprovalsRequired { get; set; }

    public int Approvals { get; set; }

    public WriteState State { get; set; }

    /// <summary>Incremented by every change; the concurrency token of the conditional update.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The nonce of the dispatched command.</summary>
    public string? Nonce { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public DateTimeOffset? CommandExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The value the agent read back after writing.</summary>
    public string? ReadBack { get; set; }

    /// <summary>The agent's refusal or the device's error.</summary>
    public string? Error { get; set; }
}
