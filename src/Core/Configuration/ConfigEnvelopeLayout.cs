using System.Text;

namespace Proxus.Core.Configuration;

/// <summary>
/// The byte layout of an envelope: <c>{"header":H,"payload":P,"signature":"S"}</c>, where the
/// signature S (base64 of the 64-byte IEEE P1363 r||s) covers <c>{"header":H,"payload":P}</c>.
/// </summary>
internal static class ConfigEnvelopeLayout
{
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
}
