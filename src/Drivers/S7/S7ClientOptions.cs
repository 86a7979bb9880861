namespace Proxus.Drivers.S7;

/// <summary>How to reach a PLC and how patiently to talk to it.</summary>
public sealed class S7ClientOptions
{
    /// <summary>The smallest PDU size the client can work with (one item request and reply fit).</summary>
    public const int MinimumPduSize = 64;

    /// <summary>The PLC's host name or IP address.</summary>
    public required string Host { get; init; }

    /// <summary>ISO-on-TCP port (RFC 1006: 102).</summary>
    public int Port { get; init; } = 102;

    /// <summary>Rack of the CPU (0 for nearly every installation).</summary>
    public int Rack { get; init; }

    /// <summary>Slot of the CPU: 2 for S7-300, 1 for S7-1200/1500 (and Snap7), per the hardware configuration.</summary>
    public int Slot { get; init; } = 2;

    /// <summary>The connection resource type; combined with rack and slot into the remote TSAP.</summary>
    public S7ConnectionType ConnectionType { get; init; } = S7ConnectionType.Pg;

    /// <summary>An explicit local TSAP; default 0x0100.</summary>
    public ushort? LocalTsap { get; init; }

    /// <summary>An explicit remote TSAP (e.g. for LOGO! or CPs); overrides rack, slot and connection type.</summary>
    public ushort? RemoteTsap { get; init; }

    /// <summary>PDU size to request in Setup Communication; the PLC may grant less.</summary>
    public int PduSize { get; init; } = 960;

    /// <summary>Items per Read/Write Var request. S7-300/400 CPUs and Snap7 accept at most 20.</summary>
    public int MaxItemsPerRequest { get; init; } = 20;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one request to be answered completely.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a read is retried on a fresh connection after the connection broke. Writes are retried
    /// only when the connection could not be established (the request never left).
    /// </summary>
    public int RetryCount { get; init; } = 2;

    /// <summary>First reconnect delay after a failure; doubles per consecutive failure.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The local TSAP sent in the COTP connection request.</summary>
    public ushort EffectiveLocalTsap => LocalTsap ?? 0x0100;

    /// <summary>The remote TSAP: explicit, or connection type in the high byte and rack * 32 + slot in the low byte.</summary>
    public ushort EffectiveRemoteTsap => RemoteTsap ?? (ushort)(((byte)ConnectionType << 8) | ((Rack * 0x20) + Slot));

    /// <summary>Throws <see cref="ArgumentException"/> for options the client cannot work with.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("A host is required.", nameof(Host));
        }

        Check(Port is > 0 and <= ushort.MaxValue, nameof(Port), "must be 1..65535");
        Check(Rack is >= 0 and <= 7, nameof(Rack), "must be 0..7");
        Check(Slot is >= 0 and <= 31, nameof(Slot), "must be 0..31");
        Check(PduSize is >= MinimumPduSize and <= ushort.MaxValue - S7.Protocol.S7PduCodec.FrameOverhead, nameof(PduSize), $"must be {MinimumPduSize}..65528");
        Check(MaxItemsPerRequest is >= 1 and <= S7.Protocol.S7PduCodec.MaxItemCount, nameof(MaxItemsPerRequest), "must be 1..255");
        Check(ConnectTimeout > TimeSpan.Zero && RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "timeouts must be positive");
        Check(RetryCount >= 0, nameof(RetryCount), "must not be negative");
        Check(ReconnectDelay >= TimeSpan.Zero && MaxReconnectDelay >= ReconnectDelay, nameof(ReconnectDelay), "must be 0..MaxReconnectDelay");
    }

    private static void Check(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {message}.", name);
        }
    }
}
