using Proxus.Agent.Acquisition;
using Proxus.Agent.Commissioning;
using Proxus.Core.Model;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.S7;

namespace Proxus.Agent.Commands;

/// <summary>
/// Opens the device session a command writes through: a connection of its own to the tag's device
/// (the acquisition's connection keeps polling), with the agent's device timeout on the connect and
/// on each request and no retries, so that an unreachable device fails the command within a few
/// timeouts instead of holding it.
/// </summary>
internal sealed class CommandDeviceSessions(TimeSpan deviceTimeout, TimeProvider time)
{
    public ValueTask<IDeviceSession> OpenAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();
        IDeviceSession session = connection.Protocol switch
        {
            Protocol.ModbusTcp or Protocol.ModbusRtuOverTcp or Protocol.ModbusRtuSerial
                => new ModbusDeviceSession(new ModbusClient(ModbusDeviceConnection.ClientOptions(connection, deviceTimeout, retries: 0, time))),
            Protocol.S7 => new S7DeviceSession(new S7Client(S7DeviceConnection.ClientOptions(connection, deviceTimeout, retries: 0))),
            _ => throw new ArgumentException($"Connection {connection.Id} uses {connection.Protocol}, which has no write path.", nameof(connection)),
        };
        return ValueTask.FromResult(session);
    }
}
