using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.Drivers.Modbus.Protocol;
using Proxus.Interop.Tests.Modbus.Support;

namespace Proxus.Interop.Tests.Modbus;

/// <summary>Our Modbus client against pymodbus 3.0's server, over Modbus TCP and RTU over TCP.</summary>
public sealed class ModbusClientVsPymodbusServerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadTags_EveryTypeAndByteOrder_MatchesPymodbusEncoding(bool rtu)
    {
        await using var server = await PymodbusServer.StartTcpAsync(rtu);
        await using var client = Client(server.Port, rtu);
        var expected = ModbusPeerLayout.Tags(ModbusPeerLayout.ServerBase).ToArray();

        var values = await client.ReadTagsAsync(expected.Select(e => e.Tag).ToArray()).WaitAsync(Bound);

        values.Should().HaveCount(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            values[i].Error.Should().BeNull(expected[i].Tag.Name);
            values[i].Value.Should().Be(expected[i].Value, expected[i].Tag.Name);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryFunctionCode_AgainstPymodbus_Works(bool rtu)
    {
        await using var server = await PymodbusServer.StartTcpAsync(rtu);
        await using var client = Client(server.Port, rtu);

        (await client.ReadCoilsAsync(0, 10).WaitAsync(Bound)).Should().Equal(Enumerable.Range(0, 10).Select(i => i % 3 == 0));
        (await client.ReadDiscreteInputsAsync(5, 11).WaitAsync(Bound)).Should().Equal(Enumerable.Range(5, 11).Select(i => i % 5 == 0));
        (await client.ReadInputRegistersAsync(1000, 3).WaitAsync(Bound)).Should().Equal(2000, 2002, 2004);

        await client.WriteSingleCoilAsync(1, true).WaitAsync(Bound);
        await client.WriteMultipleCoilsAsync(10, new[] { true, true, false, true, false, false, false, false, true }).WaitAsync(Bound);
        (await client.ReadCoilsAsync(0, 19).WaitAsync(Bound)).Should().Equal(
            true, true, false, true, false, false, true, false, false, true,
            true, true, false, true, false, false, false, false, true);

        await client.WriteSingleRegisterAsync(900, 0xBEEF).WaitAsync(Bound);
        await client.WriteMultipleRegistersAsync(901, new ushort[] { 1, 2, 3 }).WaitAsync(Bound);
        (await client.ReadHoldingRegistersAsync(900, 4).WaitAsync(Bound)).Should().Equal(0xBEEF, 1, 2, 3);

        var readBack = await client.ReadWriteMultipleRegistersAsync(900, 5, 903, new ushort[] { 7, 8 }).WaitAsync(Bound);
        readBack.Should().Equal(0xBEEF, 1, 2, 7, 8);

        var identification = await client.ReadDeviceIdentificationAsync(ModbusDeviceIdCategory.Basic).WaitAsync(Bound);
        identification.VendorName.Should().Be("pymodbus-peer");
        identification.ProductCode.Should().Be("PM");
        identification.MajorMinorRevision.Should().Be("3.0");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteTags_EveryTypeAndByteOrder_ReadBackIdentically(bool rtu)
    {
        await using var server = await PymodbusServer.StartTcpAsync(rtu);
        await using var client = Client(server.Port, rtu);
        var tags = ModbusPeerLayout.Tags(1000).ToArray();

        foreach (var (tag, value) in tags)
        {
            await client.WriteAsync(tag, value).WaitAsync(Bound);
        }

        var values = await client.ReadTagsAsync(tags.Select(t => t.Tag).ToArray()).WaitAsync(Bound);
        values.Select(v => v.Value).Should().Equal(tags.Select(t => t.Value));
    }

    [Fact]
    public async Task Read_PastEndOfPymodbusBlock_ThrowsIllegalDataAddress()
    {
        await using var server = await PymodbusServer.StartTcpAsync(rtu: false);
        await using var client = Client(server.Port, rtu: false);

        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(1999, 2).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.DeviceException);
        error.ExceptionCode.Should().Be(ModbusExceptionCode.IllegalDataAddress);
        (await client.ReadHoldingRegistersAsync(1999, 1).WaitAsync(Bound)).Should().ContainSingle();
    }

    [Fact]
    public async Task ReadTags_GroupCrossingTheEndOfMemory_SplitsAndKeepsGoodTags()
    {
        await using var server = await PymodbusServer.StartTcpAsync(rtu: false);
        await using var client = Client(server.Port, rtu: false);
        var tags = new[] { "HR1990", "HR1995", "HR1999", "HR2001", "HR2003" }.Select(a => ModbusTag.Create(a, ModbusDataType.UInt16)).ToArray();

        var first = await client.ReadTagsAsync(tags).WaitAsync(Bound);
        var second = await client.ReadTagsAsync(tags).WaitAsync(Bound);

        first.Select(v => v.IsGood).Should().Equal(true, true, true, false, false);
        first[3].Error!.ExceptionCode.Should().Be(ModbusExceptionCode.IllegalDataAddress);
        second.Select(v => v.IsGood).Should().Equal(true, true, true, false, false);
        second[4].Error!.Reason.Should().Be(ModbusErrorReason.KnownBadAddress);
    }

    [Fact]
    public async Task Read_UnknownUnitId_TimesOutBecausePymodbusStaysSilent()
    {
        await using var server = await PymodbusServer.StartTcpAsync(rtu: false);
        await using var client = Client(server.Port, rtu: false, timeout: TimeSpan.FromMilliseconds(500));

        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1, unitId: 9).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.Timeout);
        (await client.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().ContainSingle("the client reconnects after the timeout");
    }

    [Fact]
    public async Task ReadHoldingRegisters_ManyInFlight_AllMatched()
    {
        await using var server = await PymodbusServer.StartTcpAsync(rtu: false);
        await using var client = new ModbusClient(new ModbusClientOptions { Port = server.Port, MaxRequestsInFlight = 8, RequestTimeout = TimeSpan.FromSeconds(10) });

        var reads = Enumerable.Range(0, 64).Select(i => client.ReadInputRegistersAsync((ushort)(i * 10), 2)).ToArray();
        var results = await Task.WhenAll(reads).WaitAsync(Bound);

        results.Select(r => r[0]).Should().Equal(Enumerable.Range(0, 64).Select(i => (ushort)(i * 20)));
    }

    private static ModbusClient Client(int port, bool rtu, TimeSpan? timeout = null) => new(new ModbusClientOptions
    {
        Transport = rtu ? ModbusTransportKind.RtuOverTcp : ModbusTransportKind.Tcp,
        Port = port,
        Retries = 0,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
    });
}
