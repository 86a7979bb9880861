using System.Buffers.Binary;

namespace Proxus.Drivers.S7.Protocol;

public static partial class S7PduCodec
{
    public static byte[] EncodeSetupCommunication(S7PduType type, ushort reference, S7SetupCommunication setup)
    {
        var frame = CreateFrame(type, reference, S7SetupCommunication.ParameterLength, 0, out var parameter, out _);
        parameter[0] = (byte)S7Function.SetupCommunication;
        BinaryPrimitives.WriteUInt16BigEndian(parameter[2..], setup.MaxAmqCalling);
        BinaryPrimitives.WriteUInt16BigEndian(parameter[4..], setup.MaxAmqCalled);
        BinaryPrimitives.WriteUInt16BigEndian(parameter[6..], setup.PduLength);
        return frame;
    }

    public static byte[] EncodeReadVarRequest(ushort reference, IReadOnlyList<S7ItemAddress> items)
    {
        var frame = CreateFrame(S7PduType.Job, reference, VarParameterLength(items.Count), 0, out var parameter, out _);
        WriteVarParameter(parameter, S7Function.ReadVar, items);
        return frame;
    }

    public static byte[] EncodeReadVarResponse(ushort reference, IReadOnlyList<S7DataItem> items)
    {
        var frame = CreateFrame(S7PduType.AckData, reference, VarParameterHeaderLength, DataItemsLength(items), out var parameter, out var data);
        parameter[0] = (byte)S7Function.ReadVar;
        parameter[1] = checked((byte)items.Count);
        WriteDataItems(data, items);
        return frame;
    }

    public static byte[] EncodeWriteVarRequest(ushort reference, IReadOnlyList<S7ItemAddress> items, IReadOnlyList<S7DataItem> data)
    {
        if (items.Count != data.Count)
        {
            throw new ArgumentException("Every write item needs one data item.", nameof(data));
        }

        var frame = CreateFrame(S7PduType.Job, reference, VarParameterLength(items.Count), DataItemsLength(data), out var parameter, out var dataSection);
        WriteVarParameter(parameter, S7Function.WriteVar, items);
        WriteDataItems(dataSection, data);
        return frame;
    }

    public static byte[] EncodeWriteVarResponse(ushort reference, IReadOnlyList<S7ReturnCode> returnCodes)
    {
        var frame = CreateFrame(S7PduType.AckData, reference, VarParameterHeaderLength, returnCodes.Count, out var parameter, out var data);
        parameter[0] = (byte)S7Function.WriteVar;
        parameter[1] = checked((byte)returnCodes.Count);
        for (var i = 0; i < returnCodes.Count; i++)
        {
            data[i] = (byte)returnCodes[i];
        }

        return frame;
    }

    /// <summary>An acknowledgement (ROSCTR 2) that rejects a job with an error class and code.</summary>
    public static byte[] EncodeRejection(ushort reference, byte errorClass, byte errorCode)
    {
        var frame = CreateFrame(S7PduType.Ack, reference, 0, 0, out _, out _);
        frame[FrameOverhead + 10] = errorClass;
        frame[FrameOverhead + 11] = errorCode;
        return frame;
    }

    /// <summary>Bytes the data section takes for these items, fill bytes included.</summary>
    public static int DataItemsLength(IReadOnlyList<S7DataItem> items)
    {
        var length = 0;
        for (var i = 0; i < items.Count; i++)
        {
            length += S7DataItem.EncodedLength(items[i].Data.Length, i == items.Count - 1);
        }

        return length;
    }

    private static int VarParameterLength(int itemCount)
    {
        if (itemCount is < 1 or > MaxItemCount)
        {
            throw new ArgumentOutOfRangeException(nameof(itemCount), itemCount, "A Read/Write Var request carries 1 to 255 items.");
        }

        return VarParameterHeaderLength + (itemCount * S7ItemAddress.EncodedLength);
    }

    private static void WriteVarParameter(Span<byte> parameter, S7Function function, IReadOnlyList<S7ItemAddress> items)
    {
        parameter[0] = (byte)function;
        parameter[1] = (byte)items.Count;
        var offset = VarParameterHeaderLength;
        foreach (var item in items)
        {
            if (item.Address is < 0 or > S7ItemAddress.MaxAddress)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item.Address, "An S7ANY address has 24 bits.");
            }

            var target = parameter.Slice(offset, S7ItemAddress.EncodedLength);
            target[0] = 0x12; // variable specification
            target[1] = 0x0A; // length of the following address
            target[2] = 0x10; // syntax id S7ANY
            target[3] = (byte)item.VariableType;
            BinaryPrimitives.WriteUInt16BigEndian(target[4..], item.Count);
            BinaryPrimitives.WriteUInt16BigEndian(target[6..], item.DbNumber);
            target[8] = item.Area;
            target[9] = (byte)(item.Address >> 16);
            target[10] = (byte)(item.Address >> 8);
            target[11] = (byte)item.Address;
            offset += S7ItemAddress.EncodedLength;
        }
    }

    private static void WriteDataItems(Span<byte> data, IReadOnlyList<S7DataItem> items)
    {
        var offset = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            data[offset] = (byte)item.ReturnCode;
            data[offset + 1] = (byte)item.TransportSize;
            BinaryPrimitives.WriteUInt16BigEndian(data[(offset + 2)..], LengthField(item.TransportSize, item.Data.Length));
            item.Data.Span.CopyTo(data[(offset + S7DataItem.HeaderLength)..]);
            offset += S7DataItem.EncodedLength(item.Data.Length, i == items.Count - 1);
        }
    }
}
