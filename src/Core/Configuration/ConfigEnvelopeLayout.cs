using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Proxus.Core.Configuration;

/// <summary>
/// The byte layout of an envelope: <c>{"header":H,"payload":P,"signature":"S"}</c>, where the
/// signature S (base64 of the 64-byte IEEE P1363 r||s) covers <c>{"header":H,"payload":P}</c>.
/// </summary>
internal static class ConfigEnvelopeLayout
{
    /// <summary>An IEEE P1363 ECDSA P-256 signature: r||s, 32 bytes each.</summary>
    public const int SignatureBytes = 64;

    public static ReadOnlySpan<byte> HeaderPrefix => "{\"header\":"u8;

    public static ReadOnlySpan<byte> PayloadPrefix => ",\"payload\":"u8;

    public static ReadOnlySpan<byte> SignaturePrefix => ",\"signature\":\""u8;

    public static ReadOnlySpan<byte> SignatureSuffix => "\"}"u8;

    public static byte[] SignedBytes(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[HeaderPrefix.Length + header.Length + PayloadPrefix.Length + payload.Length + 1];
        var span = bytes.AsSpan();
        HeaderPrefix.CopyTo(span);
        span = span[HeaderPrefix.Length..];
        header.CopyTo(span);
        span = span[header.Length..];
        PayloadPrefix.CopyTo(span);
        span = span[PayloadPrefix.Length..];
        payload.CopyTo(span);
        span[payload.Length] = (byte)'}';
        return bytes;
    }

    public static byte[] Envelope(ReadOnlySpan<byte> signed, ReadOnlySpan<byte> signature)
    {
        var encoded = Encoding.ASCII.GetBytes(Convert.ToBase64String(signature));
        var bytes = new byte[signed.Length - 1 + SignaturePrefix.Length + encoded.Length + SignatureSuffix.Length];
        var span = bytes.AsSpan();
        signed[..^1].CopyTo(span);
        span = span[(signed.Length - 1)..];
        SignaturePrefix.CopyTo(span);
        span = span[SignaturePrefix.Length..];
        encoded.CopyTo(span);
        SignatureSuffix.CopyTo(span[encoded.Length..]);
        return bytes;
    }

    /// <summary>
    /// Whether <paramref name="envelope"/> is exactly <c>Envelope(SignedBytes(header, payload), signature)</c>
    /// for the header and payload it holds at <paramref name="header"/> and <paramref name="payload"/>
    /// (as <see cref="TrySplit"/> found them), compared in place instead of rebuilt.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> envelope, Range header, Range payload, ReadOnlySpan<byte> signature)
    {
        var (headerStart, headerLength) = header.GetOffsetAndLength(envelope.Length);
        var (payloadStart, payloadLength) = payload.GetOffsetAndLength(envelope.Length);
        var headerEnd = headerStart + headerLength;
        var payloadEnd = payloadStart + payloadLength;
        Span<byte> encoded = stackalloc byte[Base64.GetMaxEncodedToUtf8Length(SignatureBytes)];
        if (signature.Length != SignatureBytes
            || Base64.EncodeToUtf8(signature, encoded, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        var tail = envelope[payloadEnd..];
        return headerStart == HeaderPrefix.Length && envelope.StartsWith(HeaderPrefix)
            && payloadStart == headerEnd + PayloadPrefix.Length && envelope[headerEnd..payloadStart].SequenceEqual(PayloadPrefix)
            && tail.Length == SignaturePrefix.Length + written + SignatureSuffix.Length
            && tail.StartsWith(SignaturePrefix)
            && tail.Slice(SignaturePrefix.Length, written).SequenceEqual(encoded[..written])
            && tail.EndsWith(SignatureSuffix);
    }

    /// <summary>
    /// Verifies the signature over <c>SignedBytes(header, payload)</c> of a canonical envelope (see
    /// <see cref="IsCanonical"/>) without copying them: they are the envelope up to the payload's end, then <c>}</c>.
    /// </summary>
    public static bool VerifySignature(ECDsa key, ReadOnlySpan<byte> envelope, Range payload, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (payloadStart, payloadLength) = payload.GetOffsetAndLength(envelope.Length);
        var payloadEnd = payloadStart + payloadLength;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(envelope[..payloadEnd]);
        hash.AppendData("}"u8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return key.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Finds the header and payload objects and decodes the signature, requiring exactly those three members in order.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> envelope, out Range header, out Range payload, out byte[] signature, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        header = payload = default;
        signature = [];
        try
        {
            var reader = new Utf8JsonReader(envelope, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !TryReadObjectMember(ref reader, "header"u8, out header)
                || !TryReadObjectMember(ref reader, "payload"u8, out payload)
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("signature"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            {
                problem = "the envelope must be an object with header, payload and signature, in that order";
                return false;
            }

            var encoded = reader.ValueSpan;
            signature = new byte[SignatureBytes];
            if (!Convert.TryFromBase64Chars(System.Text.Encoding.ASCII.GetString(encoded), signature, out var written) || written != SignatureBytes)
            {
                problem = "the signature is not 64 bytes of base64";
                return false;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                problem = "the envelope has members after the signature";
                return false;
            }

            reader.Read();
            problem = null;
            return true;
        }
        catch (JsonException exception)
        {
            problem = "invalid JSON: " + exception.Message;
            return false;
        }
    }

    private static bool TryReadObjectMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, out Range range)
    {
        range = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(name)
            || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        range = start..(int)reader.BytesConsumed;
        return true;
    }
}
