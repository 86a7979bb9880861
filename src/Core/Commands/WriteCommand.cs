using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Core.Commands;

/// <summary>
/// A typed control write: set one allow-listed tag of one agent to one value, once, before the
/// command expires. It is the payload of a signed command envelope (docs/writes.md); nothing in
/// it is a raw protocol frame. Instants are whole seconds in UTC.
/// </summary>
/// <param name="RequestId">The server's write request this command executes.</param>
/// <param name="AgentId">The only agent that may execute it.</param>
/// <param name="Tag">The tag's UNS path, looked up in the agent's signed configuration.</param>
/// <param name="DataType">The tag's data type; the agent refuses a command whose type differs from its configuration.</param>
/// <param name="Value">The value in the tag's published unit, in the canonical text of <see cref="CommandValue"/>.</param>
/// <param name="Nonce">32 lower-case hex digits, unique per command; the agent executes a nonce at most once.</param>
/// <param name="IssuedAt">When the server signed the command.</param>
/// <param name="ExpiresAt">After this instant the agent refuses the command.</param>
public sealed record WriteCommand(
    Guid RequestId,
    string AgentId,
    UnsPath Tag,
    DataType DataType,
    string Value,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
