namespace Proxus.Core.Commands;

/// <summary>The signed header of a command envelope: the format and the id of the command-signing key.</summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="KeyId">The id of the command-signing key (<see cref="Configuration.ConfigSigningKey.KeyIdOf"/>).</param>
public sealed record CommandEnvelopeHeader(string Format, string KeyId)
{
    public const string CurrentFormat = "proxus-command/1";
}
