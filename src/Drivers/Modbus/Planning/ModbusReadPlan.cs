namespace Proxus.Drivers.Modbus.Planning;

/// <summary>The requests that read a poll group, and the tags left out because the device rejected their addresses before.</summary>
public sealed record ModbusReadPlan(IReadOnlyList<ModbusReadBlock> Blocks, IReadOnlyList<int> KnownBadTagIndexes);
