using System.Security.Cryptography;
using System.Text.Json;
using Proxus.Core.Configuration;

namespace Proxus.Core.Commands;

/// <summary>
/// Verifies command envelopes on the agent: size, exact canonical layout, the key id of the one
/// command key the agent trusts, the ECDSA P-256 signature, a valid canonical command, the target
/// agent, and the validity window with a clock-skew allowance. Replay (the nonce) and the tag
/// checks need the agent's state and configuration and are the caller's.
/// </summary>
public sealed class CommandVerifier
{
    /// <summary>Envelopes larger than this are refused before parsing.</summary>
    public const int MaxEnvelopeBytes = 16 * 1024;

    /// <summary>Commands valid for longer than this are refused as malformed.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    private readonly ECDsa _key;
    private readonly string _keyId;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;

    /// <param name="trustedKey">The public command-signing key from the agent's signed configuration.</param>
    /// <param name="time">The agent's clock.</param>
    /// <param name="clockSkew">How far the agent's clock may be off the server's (default 30 seconds).</param>
    public CommandVerifier(ECDsa trustedKey, TimeProvider? time = null, TimeSpan? clockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(trustedKey);
        ConfigSigningKey.EnsureP256(trustedKey);
        _key = trustedKey;
        _keyId = ConfigSigningKey.KeyIdOf(trustedKey);
        _time = time ?? TimeProvider.System;
        _clockSkew = clockSkew ?? DefaultClockSkew;
    }

    /// <summary>The default allowance for the agent's clock; the server waits this long past a command's expiry before timing it out.</summary>
    public static TimeSpan DefaultClockSkew { get; } = TimeSpan.FromSeconds(30);

    /// <param name="envelope">The envelope bytes as received.</param>
    /// <param name="agentId">The verifying agent's own id.</param>
    public CommandVerificationResult Verify(ReadOnlySpan<byte> envelope, string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        if (envelope.Length > MaxEnvelopeBytes)
        {
            return Fail(CommandRefusal.TooLarge, $"the envelope is {envelope.Length} bytes; the limit is {MaxEnvelopeBytes}");
        }

        if (!ConfigEnvelopeLayout.TrySplit(envelope, out var headerRange, out var payloadRange, out var signature, out var problem))
        {
            return Fail(CommandRefusal.Malformed, problem);
        }

        var headerBytes = envelope[headerRange];
        var payloadBytes = envelope[payloadRange];
        var signed = ConfigEnvelopeLayout.SignedBytes(headerBytes, payloadBytes);
        if (!envelope.SequenceEqual(ConfigEnvelopeLayout.Envelope(signed, signature)))
        {
            return Fail(CommandRefusal.NonCanonical, "the envelope is not in canonical form");
        }

        if (!TryRead(headerBytes, CommandJsonContext.Default.CommandEnvelopeHeader, out var header, out problem))
        {
            return Fail(problem == NotCanonical ? CommandRefusal.NonCanonical : CommandRefusal.Malformed, "header: " + problem);
        }

        if (header.Format != CommandEnvelopeHeader.CurrentFormat)
        {
            return Fail(CommandRefusal.Malformed, $"unsupported format '{header.Format}'");
        }

        if (header.KeyId != _keyId)
        {
            return Fail(CommandRefusal.UnknownKey, $"signed with key '{header.KeyId}', not the configured command key '{_keyId}'");
        }

        if (!_key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return Fail(CommandRefusal.BadSignature, "the signature does not match");
        }

        if (!TryRead(payloadBytes, CommandJsonContext.Default.WriteCommand, out var command, out problem))
        {
            return Fail(problem == NotCanonical ? CommandRefusal.NonCanonical : CommandRefusal.Malformed, "command: " + problem);
        }

        if (CheckCommand(command) is { } invalid)
        {
            return Fail(CommandRefusal.Malformed, invalid);
        }

        return CheckClaims(command, agentId);
    }

    /// <summary>Reads the command of an envelope without verifying anything, to attribute a refusal to its request; null if unreadable.</summary>
    public static WriteCommand? ReadUnverified(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length > MaxEnvelopeBytes || !ConfigEnvelopeLayout.TrySplit(envelope, out _, out var payload, out _, out _))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(envelope[payload], CommandJsonContext.Default.WriteCommand);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Null when the command's fields are valid; otherwise the first problem.</summary>
    internal static string? CheckCommand(WriteCommand command)
    {
        if (command.RequestId == Guid.Empty)
        {
            return "the request id is empty";
        }

        if (string.IsNullOrEmpty(command.AgentId) || command.AgentId.Length > 64)
        {
            return "the agent id is 1..64 characters";
        }

        if (command.Nonce.Length != 32 || !command.Nonce.All(char.IsAsciiHexDigitLower))
        {
            return "the nonce is 32 lower-case hex digits";
        }

        if (!CommandValue.IsCanonical(command.DataType, command.Value))
        {
            return $"'{command.Value}' is not the canonical text of a {command.DataType} value";
        }

        if (command.ExpiresAt <= command.IssuedAt || command.ExpiresAt - command.IssuedAt > MaxLifetime)
        {
            return $"a command expires after it is issued and within {MaxLifetime.TotalHours} hours";
        }

        return command.IssuedAt.Ticks % TimeSpan.TicksPerSecond != 0 || command.ExpiresAt.Ticks % TimeSpan.TicksPerSecond != 0
            ? "instants are whole seconds"
            : null;
    }

    private const string NotCanonical = "not in canonical form";

    private CommandVerificationResult CheckClaims(WriteCommand command, string agentId)
    {
        if (!string.Equals(command.AgentId, agentId, StringComparison.Ordinal))
        {
            return Fail(CommandRefusal.WrongAgent, $"the command is for agent '{command.AgentId}', not '{agentId}'");
        }

        var now = _time.GetUtcNow();
        if (command.IssuedAt > now + _clockSkew)
        {
            return Fail(CommandRefusal.NotYetValid, $"issued at {command.IssuedAt:O}, in the future");
        }

        return command.ExpiresAt <= now - _clockSkew
            ? Fail(CommandRefusal.Expired, $"expired at {command.ExpiresAt:O}")
            : CommandVerificationResult.Success(command);
    }

    private static bool TryRead<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException exception)
        {
            value = null;
            problem = exception.Message;
            return false;
        }

        if (value is null)
        {
            problem = "null";
            return false;
        }

        if (!json.SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(value, type)))
        {
            value = null;
            problem = NotCanonical;
            return false;
        }

        problem = null;
        return true;
    }

    private static CommandVerificationResult Fail(CommandRefusal refusal, string message) => CommandVerificationResult.Fail(refusal, message);
}
