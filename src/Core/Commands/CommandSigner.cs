using System.Security.Cryptography;
using System.Text.Json;
using Proxus.Core.Configuration;

namespace Proxus.Core.Commands;

/// <summary>
/// Signs write commands on the server with the command-signing key (ECDSA P-256, SHA-256, detached
/// over the canonical header and payload bytes), in the envelope layout of the signed configuration.
/// </summary>
public sealed class CommandSigner
{
    private readonly ECDsa _key;

    /// <param name="key">The private command-signing key; the signer does not own it.</param>
    public CommandSigner(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ConfigSigningKey.EnsureP256(key);
        _key = key;
        KeyId = ConfigSigningKey.KeyIdOf(key);
    }

    public string KeyId { get; }

    /// <summary>A fresh nonce: 16 random bytes as 32 lower-case hex digits.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Signs <paramref name="command"/>; throws <see cref="ArgumentException"/> when it is not a valid command.</summary>
    /// <returns>The envelope bytes to publish on the agent's command topic.</returns>
    public byte[] Sign(WriteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (CommandVerifier.CheckCommand(command) is { } problem)
        {
            throw new ArgumentException("not a valid command: " + problem, nameof(command));
        }

        var header = JsonSerializer.SerializeToUtf8Bytes(new CommandEnvelopeHeader(CommandEnvelopeHeader.CurrentFormat, KeyId), CommandJsonContext.Default.CommandEnvelopeHeader);
        var payload = JsonSerializer.SerializeToUtf8Bytes(command, CommandJsonContext.Default.WriteCommand);
        var signed = ConfigEnvelopeLayout.SignedBytes(header, payload);
        var signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return ConfigEnvelopeLayout.Envelope(signed, signature);
    }
}
