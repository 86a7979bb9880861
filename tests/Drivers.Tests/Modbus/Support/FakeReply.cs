namespace Proxus.Drivers.Tests.Modbus.Support;

/// <summary>
/// What the fake device does with a request: send bytes (possibly lying ones), stay silent, or hang up;
/// <see cref="Later"/> bytes follow 100 ms after the reply, unasked.
/// </summary>
public sealed record FakeReply(byte[]? Bytes, bool CloseAfter, byte[]? Later = null)
{
    public static FakeReply Silence { get; } = new(null, false);

    public static FakeReply Close { get; } = new(null, true);

    public static FakeReply Send(byte[] bytes, bool closeAfter = false) => new(bytes, closeAfter);
}
