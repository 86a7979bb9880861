using System.Diagnostics;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.Drivers.Tests.Modbus.Support;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private FakeModbusDevice _device = null!;

    public Task InitializeAsync()
    {
        _device = FakeModbusDevice.StartTcp();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _device.DisposeAsync();

    [Fact]
    public async Task ReadHoldingRegisters_SeveralInFlight_MatchesRepliesByTransactionId()
    {
        for (var i = 0; i < 4; i++)
        {
            _device.HoldingRegisters[i] = (ushort)(100 + i);
        }

        _device.ReplyBatch = 4;
        await using var client = Client(o => o with { MaxRequestsInFlight = 4, RequestTimeout = TimeSpan.FromSeconds(5) });

        var reads = Enumerable.Range(0, 4).Select(i => client.ReadHoldingRegistersAsync((ushort)i, 1)).ToArray();
        var values = await Task.WhenAll(reads).WaitAsync(Bound);

        values.Select(v => v[0]).Should().Equal(100, 101, 102, 103);
        _device.ConnectionCount.Should().Be(1);
    }

    [Fact]
    public async Task ReadHoldingRegisters_MismatchWhileManyInFlight_FailsEveryOutstandingRequestTyped()
    {
        var seen = 0;
        _device.Behaviour = request => Interlocked.Increment(ref seen) == 8
            ? FakeReply.Send(FakeModbusDevice.Mbap((ushort)(request.TransactionId + 100), request.UnitId, [0x03, 0x02, 0x00, 0x00]))
            : FakeReply.Silence;
        await using var client = Client(o => o with { MaxRequestsInFlight = 8, RequestTimeout = TimeSpan.FromSeconds(10) });

        var reads = Enumerable.Range(0, 8).Select(i => client.ReadHoldingRegistersAsync((ushort)i, 1)).ToArray();
        await Task.WhenAny(Task.WhenAll(reads), Task.Delay(Bound));

        reads.Should().OnlyContain(r => r.IsFaulted && r.Exception!.InnerException is ModbusException);
        reads.Select(r => ((ModbusException)r.Exception!.InnerException!).Reason).Should().Contain(ModbusErrorReason.TransactionIdMismatch);
    }

    [Fact]
    public async Task Read_ConnectionDroppedOnce_RetriesOnNewConnection()
    {
        _device.HoldingRegisters[0] = 7;
        var dropped = 0;
        _device.Behaviour = _ => Interlocked.Exchange(ref dropped, 1) == 0 ? FakeReply.Close : null;
        await using var client = Client(o => o with { Retries = 1 });

        (await client.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().Equal(7);
        _device.ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task Read_AfterBrokenConnection_WaitsForReconnectBackoff()
    {
        _device.Behaviour = _ => FakeReply.Close;
        await using var client = Client(o => o with { ReconnectDelay = TimeSpan.FromMilliseconds(400) });
        await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>();
        _device.Behaviour = null;

        var watch = Stopwatch.StartNew();
        await client.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound);

        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(300));
        _device.ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task Connect_NothingListening_ThrowsConnectionFailed()
    {
        var port = _device.Port;
        await _device.DisposeAsync();
        _device = FakeModbusDevice.StartTcp();
        await using var client = Client(o => o with { Port = port == _device.Port ? port + 1 : port });

        var error = (await client.Invoking(c => c.ConnectAsync().WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.ConnectionFailed);
    }

    [Fact]
    public async Task WriteThenRead_TypedTags_RoundTripInEveryByteOrder()
    {
        await using var client = Client();
        var orders = Enum.GetValues<ModbusByteOrder>();
        for (var i = 0; i < orders.Length; i++)
        {
            var tag = ModbusTag.Create($"HR{10 * i}", ModbusDataType.Float64, orders[i]);
            await client.WriteAsync(tag, 3.5 + i).WaitAsync(Bound);
            (await client.ReadAsync(tag).WaitAsync(Bound)).Should().Be(3.5 + i);
        }

        await client.WriteAsync("400101", ModbusDataType.Int16, -5).WaitAsync(Bound);
        _device.HoldingRegisters[100].Should().Be(0xFFFB);
        (await client.ReadAsync("HR100.15", ModbusDataType.Bool).WaitAsync(Bound)).Should().Be(true);
    }

    [Fact]
    public async Task Write_ReadOnlyOrBitTag_ThrowsNotWritable()
    {
        await using var client = Client();
        foreach (var address in new[] { "IR1", "HR1.2", "DI0" })
        {
            var type = address == "IR1" ? ModbusDataType.Int16 : ModbusDataType.Bool;
            var error = (await client.Invoking(c => c.WriteAsync(address, type, 1)).Should().ThrowAsync<ModbusException>()).Which;
            error.Reason.Should().Be(ModbusErrorReason.NotWritable);
        }

        _device.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task ReadTags_DeviceRejectsOneAddress_SplitsBlockAndKeepsTheRest()
    {
        for (var i = 0; i < 20; i++)
        {
            _device.HoldingRegisters[i] = (ushort)i;
        }

        _device.RejectedAddresses.Add(9);
        await using var client = Client();
        var tags = new[] { 0, 3, 6, 9, 12, 15 }.Select(a => ModbusTag.Create($"HR{a}", ModbusDataType.UInt16)).ToArray();

        var first = await client.ReadTagsAsync(tags).WaitAsync(Bound);

        first.Where(v => v.IsGood).Select(v => v.Value).Should().Equal((ushort)0, (ushort)3, (ushort)6, (ushort)12, (ushort)15);
        first[3].IsGood.Should().BeFalse();
        first[3].Error!.ExceptionCode.Should().Be(ModbusExceptionCode.IllegalDataAddress);

        var before = _device.RequestCount;
        var second = await client.ReadTagsAsync(tags).WaitAsync(Bound);

        _device.RequestCount.Should().Be(before + 2, "the known-bad address splits the group into two blocks");
        second[3].Error!.Reason.Should().Be(ModbusErrorReason.KnownBadAddress);
        second.Count(v => v.IsGood).Should().Be(5);
    }

    [Fact]
    public async Task ReadTags_ScatteredTags_UseFarFewerRequestsThanTags()
    {
        await using var client = Client();
        var tags = Enumerable.Range(0, 200).Select(i => ModbusTag.Create($"HR{i * 3}", ModbusDataType.Float32, ModbusByteOrder.CDAB)).ToArray();

        var values = await client.ReadTagsAsync(tags).WaitAsync(Bound);

        values.Should().OnlyContain(v => v.IsGood && (float)v.Value! == 0f);
        _device.RequestCount.Should().BeLessThanOrEqualTo(20);
    }

    [Fact]
    public async Task ReadTags_DeviceUnreachable_ReportsEveryTagBad()
    {
        _device.Behaviour = _ => FakeReply.Silence;
        await using var client = Client(o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var tags = new[] { ModbusTag.Create("HR0", ModbusDataType.Int16), ModbusTag.Create("HR500", ModbusDataType.Int16) };

        var values = await client.ReadTagsAsync(tags).WaitAsync(Bound);

        values.Should().OnlyContain(v => !v.IsGood && v.Error!.Reason == ModbusErrorReason.Timeout);
    }

    [Fact]
    public async Task ReadDeviceIdentification_MoreFollows_ChainsPages()
    {
        _device.Behaviour = request => request.Pdu[3] == 0
            ? FakeReply.Send(FakeModbusDevice.Mbap(request.TransactionId, request.UnitId, [0x2B, 0x0E, 0x01, 0x81, 0xFF, 0x02, 0x02, 0x00, 0x01, (byte)'V', 0x01, 0x01, (byte)'P']))
            : FakeReply.Send(FakeModbusDevice.Mbap(request.TransactionId, request.UnitId, [0x2B, 0x0E, 0x01, 0x81, 0x00, 0x00, 0x01, 0x02, 0x03, (byte)'1', (byte)'.', (byte)'0']));
        await using var client = Client();

        var identification = await client.ReadDeviceIdentificationAsync().WaitAsync(Bound);

        identification.ConformityLevel.Should().Be(0x81);
        (identification.VendorName, identification.ProductCode, identification.MajorMinorRevision).Should().Be(("V", "P", "1.0"));
        _device.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task ReadDeviceIdentification_StreamDoesNotAdvance_ThrowsMalformed()
    {
        _device.Behaviour = request => FakeReply.Send(FakeModbusDevice.Mbap(request.TransactionId, request.UnitId, [0x2B, 0x0E, 0x01, 0x81, 0xFF, 0x00, 0x00]));
        await using var client = Client();

        var error = (await client.Invoking(c => c.ReadDeviceIdentificationAsync().WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.MalformedFrame);
    }

    [Fact]
    public async Task Read_CancelledWhileOutstanding_RecyclesConnection()
    {
        _device.Behaviour = _ => FakeReply.Silence;
        await using var client = Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1, cancellationToken: cancel.Token).WaitAsync(Bound)).Should().ThrowAsync<OperationCanceledException>();
        _device.Behaviour = null;

        (await client.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().Equal(0);
        _device.ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task Dispose_ThenRead_ThrowsObjectDisposed()
    {
        var client = Client();
        await client.ConnectAsync().WaitAsync(Bound);
        await client.DisposeAsync();

        await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1)).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var act = () => new ModbusClient(new ModbusClientOptions { MaxRequestsInFlight = 0 });
        act.Should().Throw<ArgumentException>().WithParameterName("MaxRequestsInFlight");
    }

    private ModbusClient Client(Func<ModbusClientOptions, ModbusClientOptions>? configure = null)
    {
        var options = new ModbusClientOptions { Port = _device.Port, Retries = 0, RequestTimeout = TimeSpan.FromSeconds(3), ReconnectDelay = TimeSpan.Zero };
        return new ModbusClient(configure is null ? options : configure(options));
    }
}
