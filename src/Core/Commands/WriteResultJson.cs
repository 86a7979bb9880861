using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Proxus.Core.Commands;

/// <summary>Writes and strictly reads result messages (at most <see cref="MaxBytes"/>).</summary>
public static class WriteResultJson
{
    /// <summary>Results larger than this are refused before parsing.</summary>
    public const int MaxBytes = 8 * 1024;

    public static byte[] Serialize(WriteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.SerializeToUtf8Bytes(result, WriteResultJsonContext.Default.WriteResult);
    }

    /// <summary>Reads a result; false with the problem for anything oversized, malformed or inconsistent.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out WriteResult? result, [NotNullWhen(false)] out string? problem)
    {
        result = null;
        if (json.Length > MaxBytes)
        {
            problem = $"the result is {json.Length} bytes; the limit is {MaxBytes}";
            return false;
        }

        try
        {
            result = JsonSerializer.Deserialize(json, WriteResultJsonContext.Default.WriteResult);
        }
        catch (JsonException exception)
        {
            problem = "not a result: " + exception.Message;
            return false;
        }

        problem = result switch
        {
            null => "not a result: null",
            { Nonce.Length: not 32 } or { AgentId.Length: 0 or > 64 } => "the nonce or agent id is malformed",
            { ReadBack.Length: > CommandValue.MaxTextLength } => "the read-back value is too long",
            { Error.Length: > WriteResult.MaxErrorLength } => "the error is too long",
            { Outcome: WriteOutcome.Refused, Refusal: CommandRefusal.None } => "a refusal needs its reason",
            { Outcome: not WriteOutcome.Refused, Refusal: not CommandRefusal.None } => "only a refusal has a reason",
            { Outcome: WriteOutcome.Succeeded, ReadBack: null } => "a success needs its read-back value",
            _ => null,
        };
        if (problem is not null || result is null)
        {
            problem ??= "not a result";
            result = null;
            return false;
        }

        return true;
    }
}
