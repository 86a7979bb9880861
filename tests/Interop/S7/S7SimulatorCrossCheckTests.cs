using System.Globalization;
using System.Text.Json;
using Proxus.Drivers.S7;
using Proxus.Interop.Tests.S7.Support;
using Proxus.Simulators.S7;

namespace Proxus.Interop.Tests.S7;

/// <summary>
/// Our S7 simulator read and written by three independent clients: Snap7's C++ S7Client, nodes7
/// (pure JavaScript) and ours. Every client must see identical values.
/// </summary>
public sealed class S7SimulatorCrossCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(60);

    private static readonly CrossCheckTag[] Tags =
    [
        new("DB1.DBD0:REAL", "DB1,REAL0", 72.4f),
        new("DB1.DBW4:INT", "DB1,INT4", (short)-1234),
        new("DB1.DBD6:DINT", "DB1,DINT6", -123456789),
        new("DB1.DBW10", "DB1,WORD10", (ushort)0xBEEF),
        new("DB1.DBD12", "DB1,DWORD12", 0xDEADBEEFu),
        new("DB1.DBB16", "DB1,BYTE16", (byte)0xA5),
        new("DB1.DBX17.5", "DB1,X17.5", true),
        new("DB1.DBX17.4", "DB1,X17.4", false),
        new("DB1.STRING20.30", "DB1,S20.30", "Proxus S7 simulator"),
        new("DB1.DT60", "DB1,DT60", new DateTime(2026, 11, 21, 10, 0, 0, 123)),
        new("MW100", "MW100", (ushort)4242),
        new("MD104:REAL", "MR104", -0.5f),
        new("M110.2", "M110.2", true),
        new("IB3", "IB3", (byte)0x3C),
        new("I4.7", "I4.7", true),
        new("QW6:INT", "QI6", (short)-2),
        new("Q8.0", "Q8.0", true),
        new("T5", null, (ushort)0x2150),
        new("C6", null, (ushort)0x0099),
    ];

    private S7SimulatorServer _simulator = null!;

    public Task InitializeAsync()
    {
        _simulator = new S7SimulatorServer(new S7SimulatorOptions
        {
            Port = 0,
            DataBlocks = new Dictionary<int, int> { [1] = 512, [2] = 512 },
            FlagBytes = 256,
            InputBytes = 64,
            OutputBytes = 64,
            Timers = 16,
            Counters = 16,
        });
        _simulator.Start();
        foreach (var tag in Tags)
        {
            _simulator.Memory.WriteValue(tag.Parsed, tag.Value);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task ReadManyAsync_OurClient_SeesSeededValues()
    {
        await using var client = OurClient();

        var results = await client.ReadManyAsync(Tags.Select(t => t.Parsed).ToArray());

        results.Select(r => r.Value).Should().Equal(Tags.Select(t => t.Value));
    }

    [Fact]
    public async Task Snap7Client_ReadMultiVars_SeesTheBytesOurCodecWrote()
    {
        var output = await NodePeer.RunAsync("snap7-client.js", PeerTimeout, Port, JsonSerializer.Serialize(Tags.Select(t => t.Snap7Read())));

        var hex = JsonSerializer.Deserialize<string[]>(output)!;
        for (var i = 0; i < Tags.Length; i++)
        {
            S7ValueCodec.Decode(Tags[i].Parsed, Convert.FromHexString(hex[i])).Should().Be(Tags[i].Value, Tags[i].Address);
        }
    }

    [Fact]
    public async Task NodeS7_ReadAllItems_SeesTheSameValues()
    {
        var tags = Tags.Where(t => t.NodeS7Address is not null).ToArray();

        var output = await NodePeer.RunAsync("nodes7-client.js", PeerTimeout, Port, JsonSerializer.Serialize(new { reads = tags.Select(t => t.NodeS7Address) }));

        using var values = JsonDocument.Parse(output);
        foreach (var tag in tags)
        {
            var value = values.RootElement.GetProperty(tag.NodeS7Address!);
            object actual = tag.Value switch
            {
                bool => value.GetBoolean(),
                string => value.GetString()!,
                float => (float)value.GetDouble(),
                DateTime => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                _ => Convert.ChangeType(value.GetDouble(), tag.Value.GetType(), CultureInfo.InvariantCulture),
            };
            actual.Should().Be(tag.Value, tag.Address);
        }
    }

    [Fact]
    public async Task Writes_FromEachPeer_AreSeenIdenticallyByTheOthers()
    {
        await NodePeer.RunAsync("snap7-client.js", PeerTimeout, Port, JsonSerializer.Serialize(new object[]
        {
            new { op = "write", area = "DB", db = 2, start = 0, amount = 4, wordLen = "Byte", hex = "C2F60000" },
            new { op = "write", area = "TM", db = 0, start = 2, amount = 1, wordLen = "Timer", hex = "1234" },
            new { op = "write", area = "MK", db = 0, start = (200 * 8) + 6, amount = 1, wordLen = "Bit", hex = "01" },
        }));
        await NodePeer.RunAsync("nodes7-client.js", PeerTimeout, Port, JsonSerializer.Serialize(new
        {
            reads = new[] { "DB2,INT4" },
            writes = new Dictionary<string, object> { ["DB2,INT4"] = -300, ["DB2,S10.12"] = "from nodes7", ["QB9"] = 77 },
        }));
        await using var client = OurClient();
        await client.WriteManyAsync([new S7WriteItem(S7Address.Parse("DB2.DBD40:DINT"), 654321), new S7WriteItem(S7Address.Parse("C1"), (ushort)0x0321)]);

        var ours = await client.ReadManyAsync(new[] { "DB2.DBD0:REAL", "DB2.DBW4:INT", "DB2.STRING10.12", "QB9", "T2", "M200.6" }.Select(S7Address.Parse).ToArray());
        var snap7 = JsonSerializer.Deserialize<string[]>(await NodePeer.RunAsync("snap7-client.js", PeerTimeout, Port, JsonSerializer.Serialize(new object[]
        {
            new { op = "read", area = "DB", db = 2, start = 40, amount = 4, wordLen = "Byte" },
            new { op = "read", area = "CT", db = 0, start = 1, amount = 1, wordLen = "Counter" },
        })))!;
        using var nodes7 = JsonDocument.Parse(await NodePeer.RunAsync("nodes7-client.js", PeerTimeout, Port, JsonSerializer.Serialize(new { reads = new[] { "DB2,DINT40", "DB2,REAL0", "M200.6" } })));

        ours.Select(r => r.Value).Should().Equal(-123f, (short)-300, "from nodes7", (byte)77, (ushort)0x1234, true);
        snap7.Should().Equal("0009fbf1", "0321");
        nodes7.RootElement.GetProperty("DB2,DINT40").GetInt32().Should().Be(654321);
        nodes7.RootElement.GetProperty("DB2,REAL0").GetDouble().Should().Be(-123);
        nodes7.RootElement.GetProperty("M200.6").GetBoolean().Should().BeTrue();
    }

    private string Port => _simulator.Port.ToString(CultureInfo.InvariantCulture);

    private S7Client OurClient() => new(new S7ClientOptions { Host = "127.0.0.1", Port = _simulator.Port, Slot = 1 });
}
