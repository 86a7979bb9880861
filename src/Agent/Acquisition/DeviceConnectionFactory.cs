using Proxus.Core.Model;

namespace Proxus.Agent.Acquisition;

/// <summary>Opens the driver connection for a configured connection by its protocol.</summary>
internal sealed class DeviceConnectionFactory(AgentSecrets secrets, string opcUaPkiDirectory, TimeSpan requestTimeout, TimeProvider time)
{
    public IDeviceConnection Create(Connection connection) => connection.Protocol switch
    {
        Protocol.ModbusTcp or Protocol.ModbusRtuOverTcp or Protocol.ModbusRtuSerial => new ModbusDeviceConnection(connection, requestTimeout, time),
        Protocol.S7 => new S7DeviceConnection(connection, requestTimeout, time),
        Protocol.OpcUa => new OpcUaDeviceConnection(connection, requestTimeout, opcUaPkiDirectory, secrets, time),
        _ => throw new ArgumentException($"Connection {connection.Id} uses {connection.Protocol}, which the agent has no driver for.", nameof(connection)),
    };
}
