using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Proxus.Server.Monitoring;

/// <summary>
/// The webhook signature: <c>v1=</c> and the lower-case hex HMAC-SHA256, keyed with the shared
/// secret (UTF-8), over the ASCII decimal Unix timestamp of the <see cref="TimestampHeader"/>, a
/// period, and the raw body bytes. A receiver recomputes it, compares in constant time, and refuses
/// timestamps too far from its clock (replay).
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Proxus-Timestamp";
    public const string SignatureHeader = "X-Proxus-Signature";
    public const string DeliveryHeader = "X-Proxus-Delivery";
    public const string Version = "v1=";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>The receiver's check: same signature (constant time) and a timestamp within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds) || signature is null
            || (now - DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, unixSeconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
