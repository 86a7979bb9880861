using System.Net;
using System.Net.Sockets;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Protocol;
using Proxus.Interop.Tests.Modbus.Support;
using Proxus.Simulators.Modbus;

namespace Proxus.Interop.Tests.Modbus;

/// <summary>The simulator's fault injection and its handling of hostile requests, seen through our client and raw sockets.</summary>
public sealed class SimulatorFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DropEvery_ClosesConnection_ClientRetriesOnNewOne()
    {
        await using var server = InProcessSimulator.Start(rtu: false, new ModbusSimulatorOptions { Faults = new ModbusFaultOptions { DropEvery = 2 } });
        await using var client = Client(server, retries: 1);

        for (var i = 0; i < 6; i++)
        {
            (await client.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().Equal(0);
        }
    }

    [Fact]
    public async Task GarbageEvery_YieldsTypedErrorThenRecovers()
    {
        await using var server = InProcessSimulator.Start(rtu: false, new ModbusSimulatorOptions { Faults = new ModbusFaultOptions { GarbageEvery = 2 } });
        await using var client = Client(server, retries: 0);

        await client.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound);
        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.BreaksConnection.Should().BeTrue();
        (await client.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().Equal(0);
    }

    [Fact]
    public async Task DelayMs_LongerThanTimeout_TimesOut()
    {
        await using var server = InProcessSimulator.Start(rtu: false, new ModbusSimulatorOptions { Faults = new ModbusFaultOptions { DelayMs = 2000 } });
        await using var client = Client(server, retries: 0, timeout: TimeSpan.FromMilliseconds(200));

        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.Timeout);
    }

    [Fact]
    public async Task OtherUnitOverTcp_AnswersGatewayTargetFailed()
    {
        await using var server = InProcessSimulator.Start(rtu: false);
        await using var client = Client(server, retries: 0);

        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1, unitId: 7).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.ExceptionCode.Should().Be(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond);
    }

    [Fact]
    public async Task OtherUnitOverRtu_StaysSilent()
    {
        await using var server = InProcessSimulator.Start(rtu: true);
        await using var client = Client(server, retries: 0, timeout: TimeSpan.FromMilliseconds(300), rtu: true);

        var error = (await client.Invoking(c => c.ReadHoldingRegistersAsync(0, 1, unitId: 7).WaitAsync(Bound)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.Timeout);
    }

    [Fact]
    public async Task UnitZeroConfigured_ServesEveryUnit()
    {
        await using var server = InProcessSimulator.Start(rtu: true, new ModbusSimulatorOptions { UnitId = 0 });
        await using var client = Client(server, retries: 0, rtu: true);

        (await client.ReadHoldingRegistersAsync(0, 2, unitId: 42).WaitAsync(Bound)).Should().Equal(0, 0);
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x00 }, 0x83, 0x03)]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x7E }, 0x83, 0x03)]
    [InlineData(new byte[] { 0x03, 0xFF, 0xFF, 0x00, 0x02 }, 0x83, 0x02)]
    [InlineData(new byte[] { 0x03, 0x00, 0x00 }, 0x83, 0x03)]
    [InlineData(new byte[] { 0x05, 0x00, 0x00, 0x12, 0x34 }, 0x85, 0x03)]
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x01 }, 0x90, 0x03)]
    [InlineData(new byte[] { 0x0F, 0x00, 0x00, 0x00, 0x10, 0x01, 0xFF }, 0x8F, 0x03)]
    [InlineData(new byte[] { 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x00, 0x01 }, 0x97, 0x03)]
    [InlineData(new byte[] { 0x2B, 0x0E, 0x04, 0x09 }, 0xAB, 0x02)]
    [InlineData(new byte[] { 0x2B, 0x0D, 0x01, 0x00 }, 0xAB, 0x01)]
    [InlineData(new byte[] { 0x42 }, 0xC2, 0x01)]
    public async Task MalformedRequestPdu_AnsweredWithException(byte[] pdu, byte functionCode, byte exceptionCode)
    {
        await using var server = InProcessSimulator.Start(rtu: false);
        using var socket = await ConnectAsync(server);

        await socket.SendAsync(FrameMbap(pdu));
        var reply = await ReceiveAsync(socket, 9);

        reply[7..].Should().Equal(functionCode, exceptionCode);
    }

    [Fact]
    public async Task MalformedMbapHeader_ClosesConnection()
    {
        await using var server = InProcessSimulator.Start(rtu: false);
        using var socket = await ConnectAsync(server);

        await socket.SendAsync(new byte[] { 0, 1, 0, 7, 0, 6, 1, 3, 0, 0, 0, 1 });

        (await ReceiveAsync(socket, 1)).Should().BeEmpty("the server hangs up on a foreign protocol id");
    }

    [Fact]
    public async Task RtuCrcError_IsDiscardedSilently_NextFrameAnswered()
    {
        await using var server = InProcessSimulator.Start(rtu: true);
        using var socket = await ConnectAsync(server);
        var good = RtuFrame([0x03, 0x00, 0x00, 0x00, 0x01]);
        var corrupt = good.ToArray();
        corrupt[^1] ^= 0xFF;

        await socket.SendAsync(corrupt);
        await Task.Delay(100);
        await socket.SendAsync(good);
        var reply = await ReceiveAsync(socket, 7);

        reply.Should().Equal(RtuFrame([0x03, 0x02, 0x00, 0x00]));
    }

    [Fact]
    public async Task RtuUnknownFunctionCode_DelimitedBySilence_AnsweredIllegalFunction()
    {
        await using var server = InProcessSimulator.Start(rtu: true);
        using var socket = await ConnectAsync(server);

        await socket.SendAsync(RtuFrame([0x41, 0x01, 0x02, 0x03]));
        var reply = await ReceiveAsync(socket, 5);

        reply.Should().Equal(RtuFrame([0xC1, 0x01]));
    }

    [Fact]
    public async Task RtuSenderStopsMidFrame_FragmentDiscarded_NextFrameAnswered()
    {
        await using var server = InProcessSimulator.Start(rtu: true);
        using var socket = await ConnectAsync(server);
        var good = RtuFrame([0x03, 0x00, 0x00, 0x00, 0x01]);

        await socket.SendAsync(good.AsMemory(0, 4));
        await Task.Delay(200);
        await socket.SendAsync(good);
        var reply = await ReceiveAsync(socket, 7);

        reply.Should().Equal(RtuFrame([0x03, 0x02, 0x00, 0x00]));
    }

    private static ModbusClient Client(ModbusSimulatorServer server, int retries, TimeSpan? timeout = null, bool rtu = false) => new(new ModbusClientOptions
    {
        Transport = rtu ? ModbusTransportKind.RtuOverTcp : ModbusTransportKind.Tcp,
        Port = server.LocalEndpoint.Port,
        Retries = retries,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
        ReconnectDelay = TimeSpan.Zero,
    });

    private static async Task<Socket> ConnectAsync(ModbusSimulatorServer server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.LocalEndpoint.Port).WaitAsync(Bound);
        return socket;
    }

    private static byte[] FrameMbap(byte[] pdu)
    {
        var frame = new byte[7 + pdu.Length];
        new MbapHeader(0x0102, 1, pdu.Length).Write(frame);
        pdu.CopyTo(frame, 7);
        return frame;
    }

    private static byte[] RtuFrame(byte[] pdu)
    {
        var frame = new byte[pdu.Length + 3];
        ModbusRtuFraming.WriteFrame(1, pdu, frame);
        return frame;
    }

    /// <summary>Receives up to <paramref name="count"/> bytes; fewer when the server closes.</summary>
    private static async Task<byte[]> ReceiveAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var received = 0;
        while (received < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received)).AsTask().WaitAsync(Bound);
            if (read == 0)
            {
                break;
            }

            received += read;
        }

        return buffer[..received];
    }
}
