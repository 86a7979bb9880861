using Proxus.Drivers.Modbus;
using Proxus.Drivers.Tests.Modbus.Support;

namespace Proxus.Drivers.Tests.Modbus;

/// <summary>
/// A device that lies yields a typed error and a fresh connection: no hang, no reuse. One subclass
/// per transport gives the device, the client's transport settings, and its lies: their names with
/// the errors they must raise, and the replies that tell them.
/// </summary>
public abstract class ModbusClientHostileTests : IAsyncLifetime
{
    /// <summary>Long enough for a loaded CI machine to answer the requests that should succeed.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    protected FakeModbusDevice Device { get; private set; } = null!;

    protected ModbusClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Device = StartDevice();
        Device.HoldingRegisters[5] = 0x1234;
        Client = new ModbusClient(Transport(new ModbusClientOptions
        {
            Port = Device.Port,
            Retries = 0,
            RequestTimeout = RequestTimeout,
            ReconnectDelay = TimeSpan.Zero,
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Device.DisposeAsync();
    }

    /// <summary>The device tells <paramref name="lie"/>: the read fails with <paramref name="expected"/>, the next one succeeds on a new connection.</summary>
    protected async Task LieThenReadAgainAsync(string lie, ModbusErrorReason expected)
    {
        Device.Behaviour = request => Lie(lie, request);

        var act = () => Client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10));

        (await act.Should().ThrowAsync<ModbusException>()).Which.Reason.Should().Be(expected);
        Device.Behaviour = null;
        (await Client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(0x1234);
        Device.ConnectionCount.Should().Be(2);
    }

    protected abstract FakeModbusDevice StartDevice();

    /// <summary>The client's options for this transport, from the common ones.</summary>
    protected abstract ModbusClientOptions Transport(ModbusClientOptions options);

    /// <summary>The device's reply to <paramref name="request"/> that tells <paramref name="lie"/>.</summary>
    protected abstract FakeReply Lie(string lie, FakeRequest request);
}
