using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Serial;
using Proxus.Interop.Tests.Modbus.Support;

namespace Proxus.Interop.Tests.Modbus;

/// <summary>
/// Our client on a real tty (termios, raw mode, 19200 8N1) against pymodbus's RTU serial server, through
/// a socat pty pair. Linux pseudo-terminals do not take PARENB (tcsetattr
/// answers EINVAL), so the pty tests run without parity.
/// </summary>
public sealed class ModbusSerialRtuTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadAndWrite_OverSerialPty_MatchPymodbus()
    {
        await using var pair = await SocatPtyPair.StartAsync();
        await using var server = await PymodbusServer.StartSerialAsync(pair.Second);
        await using var client = new ModbusClient(new ModbusClientOptions
        {
            Transport = ModbusTransportKind.RtuSerial,
            SerialPort = pair.First,
            Serial = new SerialSettings(19200, SerialParity.None, 1),
            RequestTimeout = TimeSpan.FromSeconds(3),
            Retries = 1,
        });

        var expected = ModbusPeerLayout.Tags(ModbusPeerLayout.ServerBase).ToArray();
        var values = await client.ReadTagsAsync(expected.Select(e => e.Tag).ToArray()).WaitAsync(Bound);
        values.Where(v => !v.IsGood).Select(v => v.Error!.Message).Should().BeEmpty();
        values.Select(v => v.Value).Should().Equal(expected.Select(e => e.Value));

        (await client.ReadCoilsAsync(0, 7).WaitAsync(Bound)).Should().Equal(true, false, false, true, false, false, true);
        (await client.ReadInputRegistersAsync(10, 2).WaitAsync(Bound)).Should().Equal(20, 22);
        await client.WriteMultipleRegistersAsync(50, new ushort[] { 5, 6, 7 }).WaitAsync(Bound);
        await client.WriteSingleCoilAsync(2, true).WaitAsync(Bound);
        (await client.ReadHoldingRegistersAsync(50, 3).WaitAsync(Bound)).Should().Equal(5, 6, 7);
        (await client.ReadCoilsAsync(2, 1).WaitAsync(Bound)).Should().Equal(true);
        (await client.ReadDeviceIdentificationAsync().WaitAsync(Bound)).VendorName.Should().Be("pymodbus-peer");
    }

    [Fact]
    public async Task Read_OtherEndHungUp_ThrowsTypedError()
    {
        var pair = await SocatPtyPair.StartAsync();
        await using var client = new ModbusClient(new ModbusClientOptions
        {
            Transport = ModbusTransportKind.RtuSerial,
            SerialPort = pair.First,
            Serial = new SerialSettings(19200, SerialParity.None),
            RequestTimeout = TimeSpan.FromSeconds(2),
            Retries = 0,
        });
        await client.ConnectAsync().WaitAsync(Bound);
        await pair.DisposeAsync();

        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.ConnectionClosed);
    }

    [Fact]
    public async Task Open_NotATerminal_ThrowsConnectionFailed()
    {
        var file = Path.GetTempFileName();
        try
        {
            await using var client = new ModbusClient(new ModbusClientOptions { Transport = ModbusTransportKind.RtuSerial, SerialPort = file, Retries = 0 });
            var error = (await client.Invoking(c => c.ConnectAsync().WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;
            error.Reason.Should().Be(ModbusErrorReason.ConnectionFailed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Read_NobodyOnTheLine_TimesOut()
    {
        await using var pair = await SocatPtyPair.StartAsync();
        await using var client = new ModbusClient(new ModbusClientOptions
        {
            Transport = ModbusTransportKind.RtuSerial,
            SerialPort = pair.First,
            Serial = new SerialSettings(9600, SerialParity.None, 2),
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            Retries = 0,
        });

        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.Timeout);
    }
}
