namespace Proxus.Core.Configuration;

/// <summary>
/// The signed header of a configuration envelope (docs/signed-config.md). Times are whole seconds
/// in UTC.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="KeyId">The id of the configuration-signing key (<see cref="ConfigSigningKey.KeyIdOf"/>).</param>
/// <param name="AgentId">The only agent that may apply the configuration.</param>
/// <param name="Version">Monotonic per agent; an agent refuses a version not above the one it runs.</param>
/// <param name="IssuedAt">When the server signed it.</param>
/// <param name="ExpiresAt">After this instant the envelope is refused.</param>
public sealed record ConfigEnvelopeHeader(string Format, string KeyId, string AgentId, long Version, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public const string CurrentFormat = "proxus-config/1";
}
