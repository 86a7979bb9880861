using System.Text;
using Proxus.Drivers.S7;
using Proxus.Interop.Tests.S7.Support;

namespace Proxus.Interop.Tests.S7;

/// <summary>Our S7 client against Snap7's C++ S7Server: every area and type, and requests split over many PDUs.</summary>
public sealed class S7ClientAgainstSnap7Tests : IAsyncLifetime
{
    private Snap7Server _server = null!;

    public async Task InitializeAsync() => _server = await Snap7Server.StartAsync("1:256,2:256,3:4096,4:2048,5:2048");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ReadManyAsync_EveryAreaAndType_MatchesSnap7Memory()
    {
        await _server.SetAsync("db", 1, 0, [0x08]);
        await _server.SetAsync("db", 1, 4, Convert.FromHexString("FB2E00A5DEADBEEF4290CCCDF8A432EB1234"));
        await _server.SetAsync("db", 1, 30, [20, 8, .. Encoding.ASCII.GetBytes("Hello S7")]);
        await _server.SetAsync("db", 1, 60, Convert.FromHexString("2403151345301236"));
        await _server.SetAsync("mk", 0, 0, [0x02, 0x7F]);
        await _server.SetAsync("mk", 0, 10, [0xBE, 0xEF]);
        await _server.SetAsync("mk", 0, 20, Convert.FromHexString("40500000"));
        await _server.SetAsync("pe", 0, 0, [0x02, 0x00, 0x01, 0x02]);
        await _server.SetAsync("pa", 0, 0, [0x99, 0x01]);
        await _server.SetAsync("tm", 0, 0, [0x01, 0x23]);
        await _server.SetAsync("ct", 0, 0, [0x00, 0x42]);
        var expected = new Dictionary<string, object>
        {
            ["DB1.DBX0.3"] = true,
            ["DB1.DBX0.2"] = false,
            ["DB1.DBW4:INT"] = (short)-1234,
            ["DB1.DBB7"] = (byte)0xA5,
            ["DB1.DBD8"] = 0xDEADBEEFu,
            ["DB1.DBD12:REAL"] = 72.4f,
            ["DB1.DBD16:DINT"] = -123456789,
            ["DB1.DBW20"] = (ushort)0x1234,
            ["DB1.STRING30.20"] = "Hello S7",
            ["DB1.DT60"] = new DateTime(2024, 3, 15, 13, 45, 30, 123),
            ["M0.1"] = true,
            ["MB1"] = (byte)0x7F,
            ["MW10"] = (ushort)0xBEEF,
            ["MD20:REAL"] = 3.25f,
            ["I0.1"] = true,
            ["IW2"] = (ushort)0x0102,
            ["Q1.0"] = true,
            ["QB0"] = (byte)0x99,
            ["T0"] = (ushort)0x0123,
            ["C0"] = (ushort)0x0042,
        };
        await using var client = Snap7Client();

        var results = await client.ReadManyAsync(expected.Keys.Select(S7Address.Parse).ToArray());

        results.Should().OnlyContain(r => r.IsSuccess);
        results.ToDictionary(r => Key(r.Address, expected.Keys), r => r.Value).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task WriteManyAsync_EveryAreaAndType_Snap7HoldsTheBytes()
    {
        await using var client = Snap7Client();

        var results = await client.WriteManyAsync(
        [
            Item("DB2.DBX0.3", true),
            Item("DB2.DBW4:INT", (short)-1234),
            Item("DB2.DBB7", (byte)0xA5),
            Item("DB2.DBD8", 0xDEADBEEFu),
            Item("DB2.DBD12:REAL", 72.4f),
            Item("DB2.DBD16:DINT", -123456789),
            Item("DB2.DBW20", (ushort)0x1234),
            Item("DB2.STRING30.20", "Hello S7"),
            Item("DB2.DT60", new DateTime(2024, 3, 15, 13, 45, 30, 123)),
            Item("M30.5", true),
            Item("MW32", (ushort)0x1234),
            Item("IB40", (byte)0x55),
            Item("Q2.7", true),
            Item("QW4:INT", (short)-2),
        ]);

        results.Should().OnlyContain(r => r.IsSuccess);
        var db2 = await _server.GetAsync("db", 2);
        db2[0].Should().Be(0x08);
        Convert.ToHexString(db2.AsSpan(4, 18)).Should().Be("FB2E00A5DEADBEEF4290CCCDF8A432EB1234");
        db2.AsSpan(30, 22).ToArray().Should().Equal([20, 8, .. Encoding.ASCII.GetBytes("Hello S7"), .. new byte[12]]);
        Convert.ToHexString(db2.AsSpan(60, 8)).Should().Be("2403151345301236");
        var flags = await _server.GetAsync("mk");
        flags[30].Should().Be(0x20);
        flags.AsSpan(32, 2).ToArray().Should().Equal(0x12, 0x34);
        (await _server.GetAsync("pe"))[40].Should().Be(0x55);
        var outputs = await _server.GetAsync("pa");
        outputs[2].Should().Be(0x80);
        outputs.AsSpan(4, 2).ToArray().Should().Equal(0xFF, 0xFE);
    }

    [Fact]
    public async Task WriteAsync_TimersAndCounters_ReadBackEqual()
    {
        await using var client = Snap7Client();

        await client.WriteAsync("T3", (ushort)0x0456);
        await client.WriteAsync("C4", (ushort)0x0007);

        (await client.ReadAsync("T3")).Should().Be((ushort)0x0456);
        (await client.ReadAsync("C4")).Should().Be((ushort)0x0007);
        (await _server.GetAsync("tm")).Should().Contain(new byte[] { 0x04, 0x56 });
        (await _server.GetAsync("ct")).Should().Contain(new byte[] { 0x00, 0x07 });
    }

    [Fact]
    public async Task ReadManyAsync_MoreThanOnePduHolds_SplitsAndReassembles()
    {
        var pattern = Enumerable.Range(0, 4096).Select(i => (byte)((i * 7) + 3)).ToArray();
        for (var offset = 0; offset < pattern.Length; offset += 1024)
        {
            await _server.SetAsync("db", 3, offset, pattern[offset..(offset + 1024)]);
        }

        var texts = Enumerable.Range(0, 6).Select(i => new string((char)('a' + i), 254)).ToArray();
        for (var i = 0; i < texts.Length; i++)
        {
            await _server.SetAsync("db", 4, i * 256, [254, 254, .. Encoding.ASCII.GetBytes(texts[i])]);
        }

        var words = Enumerable.Range(0, 400).Select(i => S7Address.Parse($"DB3.DBW{(i * 10) % 4000}")).ToList();
        var strings = Enumerable.Range(0, texts.Length).Select(i => S7Address.Parse($"DB4.STRING{i * 256}.254")).ToList();
        await using var client = Snap7Client(pduSize: 240);

        var results = await client.ReadManyAsync([.. words, .. strings]);

        client.PduSize.Should().Be(240);
        results.Should().OnlyContain(r => r.IsSuccess);
        for (var i = 0; i < words.Count; i++)
        {
            var offset = words[i].ByteOffset;
            results[i].Value.Should().Be((ushort)((pattern[offset] << 8) | pattern[offset + 1]));
        }

        results.Skip(words.Count).Select(r => r.Value).Should().Equal(texts);
    }

    [Fact]
    public async Task WriteManyAsync_MoreThanOnePduHolds_Snap7HoldsEveryValue()
    {
        var items = Enumerable.Range(0, 300).Select(i => Item($"DB5.DBD{i * 4}", (uint)((i * 2654435761) & 0xFFFFFFFF))).ToList();
        items.AddRange(Enumerable.Range(0, 3).Select(i => Item($"DB5.STRING{1200 + (i * 256)}.250", new string((char)('A' + i), 250))));
        await using var client = Snap7Client(pduSize: 240);

        var results = await client.WriteManyAsync(items);

        results.Should().OnlyContain(r => r.IsSuccess);
        var db5 = await _server.GetAsync("db", 5);
        for (var i = 0; i < 300; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(db5.AsSpan(i * 4)).Should().Be((uint)((i * 2654435761) & 0xFFFFFFFF));
        }

        for (var i = 0; i < 3; i++)
        {
            db5.AsSpan(1200 + (i * 256), 252).ToArray().Should().Equal([250, 250, .. Enumerable.Repeat((byte)('A' + i), 250)]);
        }
    }

    [Fact]
    public async Task ReadManyAsync_MissingDbAndOutOfRange_ReportsTypedItemErrors()
    {
        await using var client = Snap7Client();

        var results = await client.ReadManyAsync([S7Address.Parse("DB99.DBW0"), S7Address.Parse("DB1.DBD254"), S7Address.Parse("DB1.DBB0")]);

        results[0].Error!.Reason.Should().Be(S7ErrorReason.ObjectDoesNotExist);
        results[1].Error!.Reason.Should().Be(S7ErrorReason.AddressOutOfRange);
        results[2].IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task WriteAsync_MissingDb_ThrowsTypedError()
    {
        await using var client = Snap7Client();

        var act = () => client.WriteAsync("DB99.DBW0", (ushort)1);

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.ObjectDoesNotExist);
    }

    private static S7WriteItem Item(string address, object value) => new(S7Address.Parse(address), value);

    private static string Key(S7Address address, IEnumerable<string> keys) => keys.Single(k => S7Address.Parse(k) == address);

    private S7Client Snap7Client(int pduSize = 960) => new(new S7ClientOptions
    {
        Host = "127.0.0.1",
        Port = _server.Port,
        Slot = 1,
        PduSize = pduSize,
        RequestTimeout = TimeSpan.FromSeconds(10),
    });
}
