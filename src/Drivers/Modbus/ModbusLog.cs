using Microsoft.Extensions.Logging;

namespace Proxus.Drivers.Modbus;

internal static partial class ModbusLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Connected to Modbus device {Endpoint}")]
    public static partial void Connected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Connecting to Modbus device {Endpoint} failed ({Reason}); next attempt in {DelayMs} ms")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, ModbusErrorReason reason, double delayMs);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Modbus connection to {Endpoint} is broken ({Reason}): {Detail}")]
    public static partial void ConnectionBroken(ILogger logger, string endpoint, ModbusErrorReason reason, string detail);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Retrying {FunctionCode} on {Endpoint} (attempt {Attempt}) after {Reason}")]
    public static partial void Retrying(ILogger logger, ModbusFunctionCode functionCode, string endpoint, int attempt, ModbusErrorReason reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Modbus device {Endpoint} rejects {Address} (tag {Tag}); it is excluded from polling")]
    public static partial void AddressRejected(ILogger logger, string endpoint, string address, string tag);
}
