using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Simulators.S7;

internal sealed partial class S7SimulatorSession
{
    /// <summary>Error class 0x85 (error on supplies), code 0x00: the reply would not fit the PDU.</summary>
    private const byte DataOverPduClass = 0x85;

    private byte[] ReadVar(ushort reference, S7ItemAddress[] items)
    {
        // Size the reply from the located items before copying any memory.
        var codes = new S7ReturnCode[items.Length];
        var locations = new ItemLocation[items.Length];
        var length = S7Header.AckLength + S7PduCodec.VarParameterHeaderLength;
        for (var i = 0; i < items.Length; i++)
        {
            codes[i] = Locate(items[i], out locations[i]);
            length += S7DataItem.EncodedLength(codes[i] == S7ReturnCode.Success ? locations[i].Length : 0, i == items.Length - 1);
        }

        if (length > _pduSize)
        {
            return S7PduCodec.EncodeRejection(reference, DataOverPduClass, 0x00);
        }

        var replies = new S7DataItem[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            replies[i] = ReadItem(items[i].DbNumber, codes[i], locations[i]);
        }

        return S7PduCodec.EncodeReadVarResponse(reference, replies);
    }

    private byte[] WriteVar(ushort reference, S7ItemAddress[] items, S7DataItem[] data)
    {
        var codes = new S7ReturnCode[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            codes[i] = WriteItem(items[i], data[i].Data.Span);
        }

        return S7PduCodec.EncodeWriteVarResponse(reference, codes);
    }

    private S7DataItem ReadItem(int dbNumber, S7ReturnCode code, ItemLocation location)
    {
        if (code == S7ReturnCode.Success)
        {
            var data = new byte[location.Length];
            if (location.Bit is { } bit)
            {
                code = _memory.ReadBit(location.Area, dbNumber, location.Start, bit, out var value);
                data[0] = value ? (byte)1 : (byte)0;
            }
            else
            {
                code = _memory.Read(location.Area, dbNumber, location.Start, data);
            }

            if (code == S7ReturnCode.Success)
            {
                return new S7DataItem(code, location.TransportSize, data);
            }
        }

        return new S7DataItem(code, S7DataTransportSize.Null, ReadOnlyMemory<byte>.Empty);
    }

    private S7ReturnCode WriteItem(S7ItemAddress item, ReadOnlySpan<byte> data)
    {
        var code = Locate(item, out var location);
        if (code != S7ReturnCode.Success)
        {
            return code;
        }

        if (data.Length != location.Length)
        {
            return S7ReturnCode.DataSizeMismatch;
        }

        return location.Bit is { } bit
            ? _memory.WriteBit(location.Area, item.DbNumber, location.Start, bit, (data[0] & 1) != 0)
            : _memory.Write(location.Area, item.DbNumber, location.Start, data);
    }

    /// <summary>Resolves an S7ANY item to a byte range, applying the rules an S7-300 CPU applies.</summary>
    private S7ReturnCode Locate(S7ItemAddress item, out ItemLocation location)
    {
        location = default;
        if (!Enum.IsDefined((S7Area)item.Area))
        {
            return S7ReturnCode.ObjectDoesNotExist;
        }

        if (_options.Faults.ItemErrorRate > 0 && Roll(_options.Faults.ItemErrorRate))
        {
            return S7ReturnCode.HardwareFault;
        }

        var area = (S7Area)item.Area;
        var timerOrCounterArea = area is S7Area.Timers or S7Area.Counters;
        var timerOrCounterType = item.VariableType is S7VariableType.Timer or S7VariableType.Counter;
        if (timerOrCounterArea != timerOrCounterType
            || (area == S7Area.Timers && item.VariableType != S7VariableType.Timer)
            || (area == S7Area.Counters && item.VariableType != S7VariableType.Counter))
        {
            return S7ReturnCode.AddressOutOfRange;
        }

        if (!Enum.IsDefined(item.VariableType))
        {
            return S7ReturnCode.DataTypeNotSupported;
        }

        if (timerOrCounterType)
        {
            location = new ItemLocation(area, item.Address * 2, item.ByteLength, null, S7DataTransportSize.OctetString);
            return S7ReturnCode.Success;
        }

        if (item.VariableType == S7VariableType.Bit)
        {
            location = new ItemLocation(area, item.Address >> 3, 1, item.Address & 7, S7DataTransportSize.Bit);
            return item.Count == 1 ? S7ReturnCode.Success : S7ReturnCode.AddressOutOfRange;
        }

        if (item.Address % 8 != 0)
        {
            return S7ReturnCode.AddressOutOfRange;
        }

        var transportSize = item.VariableType switch
        {
            S7VariableType.Real => S7DataTransportSize.Real,
            S7VariableType.Int or S7VariableType.DInt => S7DataTransportSize.Integer,
            S7VariableType.Char => S7DataTransportSize.OctetString,
            _ => S7DataTransportSize.Byte,
        };
        location = new ItemLocation(area, item.Address >> 3, item.ByteLength, null, transportSize);
        return S7ReturnCode.Success;
    }

    private readonly record struct ItemLocation(S7Area Area, int Start, int Length, int? Bit, S7DataTransportSize TransportSize);
}
