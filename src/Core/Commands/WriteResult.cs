namespace Proxus.Core.Commands;

/// <summary>
/// The agent's answer to a command, published on its results topic (docs/writes.md). Not signed:
/// the broker's ACL lets only that agent publish there, over its mutual-TLS connection.
/// </summary>
/// <param name="RequestId">The request of the command answered.</param>
/// <param name="AgentId">The answering agent.</param>
/// <param name="Nonce">The command's nonce, which the server matches against the command it sent.</param>
/// <param name="Outcome">Succeeded, failed at the device, or refused at the edge.</param>
/// <param name="Refusal">Why it was refused; <see cref="CommandRefusal.None"/> otherwise.</param>
/// <param name="ReadBack">The value read back after the write, as canonical command text; null unless succeeded.</param>
/// <param name="Error">The device's error or the refusal's explanation; null when succeeded.</param>
/// <param name="Duplicate">True when the command had been executed before (a redelivery): this repeats that first result and nothing was written again.</param>
/// <param name="ReceivedAt">When the agent received the command.</param>
/// <param name="CompletedAt">When the agent finished with it.</param>
public sealed record WriteResult(
    Guid RequestId,
    string AgentId,
    string Nonce,
    WriteOutcome Outcome,
    CommandRefusal Refusal,
    string? ReadBack,
    string? Error,
    bool Duplicate,
    DateTimeOffset ReceivedAt,
    DateTimeOffset CompletedAt)
{
    /// <summary>Error texts are cut to this length.</summary>
    public const int MaxErrorLength = 1000;
}
