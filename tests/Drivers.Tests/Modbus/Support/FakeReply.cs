namespace Proxus.Drivers.Tests.Modbus.Support;

/// <summary>What the fake device does with a request: send bytes (possibly lying ones), stay silent, or hang up.</summary>
public sealed record FakeReply(byte[]? Bytes, bool CloseAfter)
{
    public static FakeReply Silence { get; } = new(null, false);

    public static FakeReply Close { get; } = new(null, true);

    public static FakeReply Send(byte[] bytes, bool closeAfter = false) => new(bytes, closeAfter);
}
