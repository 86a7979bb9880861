namespace Proxus.Drivers.Tests.S7.Support;

/// <summary>What the fake device sends instead of a correct reply, and what it does next.</summary>
public sealed record FakeReply(byte[] Bytes, FakeReply.After Then = FakeReply.After.Continue)
{
    public enum After
    {
        /// <summary>Keep serving the connection.</summary>
        Continue,

        /// <summary>Close the connection.</summary>
        Close,

        /// <summary>Keep the connection open and never answer again.</summary>
        Stall,
    }
}
