namespace Proxus.Demo;

/// <summary>
/// What a demo installation must remember between starts, in <c>demo.json</c> of its data
/// directory (owner-only): its ports, the server's root CA it trusted on first use, and the
/// passwords it set for the seeded users (the first administrator's included).
/// </summary>
public sealed class DemoState
{
    public DemoPorts? Ports { get; set; }

    /// <summary>SHA-256 of the server's root CA, colon-separated hex (as <c>proxus-agent enroll --ca-fingerprint</c> takes it).</summary>
    public string? CaFingerprint { get; set; }

    /// <summary>The machine client of the printed <c>mosquitto_sub</c> command, once its certificate is issued.</summary>
    public Guid? ConsumerClientId { get; set; }

    /// <summary>User name to password, for every user the demo signed in and set a password for.</summary>
    public Dictionary<string, string> Passwords { get; init; } = new(StringComparer.Ordinal);
}
