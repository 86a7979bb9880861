using System.Security.Cryptography;

namespace Proxus.Drivers.OpcUa.Security;

/// <summary>
/// The P_SHA256 pseudo-random function of RFC 5246 section 5, which OPC UA uses to derive the
/// symmetric keys from the two channel nonces (Part 6 section 6.7.5).
/// </summary>
internal static class PSha256
{
    public static byte[] Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed, int length)
    {
        var output = new byte[length];
        Span<byte> a = stackalloc byte[32];
        Span<byte> block = stackalloc byte[32];
        var input = new byte[32 + seed.Length];
        HMACSHA256.HashData(secret, seed, a);
        var offset = 0;
        while (offset < length)
        {
            a.CopyTo(input);
            seed.CopyTo(input.AsSpan(32));
            HMACSHA256.HashData(secret, input, block);
            var take = Math.Min(32, length - offset);
            block[..take].CopyTo(output.AsSpan(offset));
            offset += take;
            HMACSHA256.HashData(secret, a, a);
        }

        return output;
    }
}
