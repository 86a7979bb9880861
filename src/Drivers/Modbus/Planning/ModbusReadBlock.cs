using Proxus.Drivers.Modbus.Data;

namespace Proxus.Drivers.Modbus.Planning;

/// <summary>One read request of a plan: a contiguous range of one table of one unit and the tags (by index) it serves.</summary>
public sealed record ModbusReadBlock(byte UnitId, ModbusArea Area, ushort Start, int Count, IReadOnlyList<int> TagIndexes);
