using System.Buffers.Binary;

namespace Proxus.Drivers.S7.Protocol;

public static partial class S7PduCodec
{
    public static S7SetupCommunication DecodeSetupCommunication(S7Pdu pdu)
    {
        var parameter = pdu.Parameter.Span;
        if (pdu.Function != S7Function.SetupCommunication)
        {
            throw new S7Exception(S7ErrorReason.UnexpectedMessage, $"Expected Setup Communication, got function {pdu.Function}.");
        }

        if (parameter.Length != S7SetupCommunication.ParameterLength)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"Setup Communication parameters are {parameter.Length} bytes, not {S7SetupCommunication.ParameterLength}.");
        }

        return new S7SetupCommunication(
            BinaryPrimitives.ReadUInt16BigEndian(parameter[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(parameter[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(parameter[6..]));
    }

    /// <summary>Decodes the S7ANY items of a Read or Write Var job.</summary>
    public static S7ItemAddress[] DecodeItemAddresses(S7Pdu pdu)
    {
        var parameter = pdu.Parameter.Span;
        if (parameter.Length < VarParameterHeaderLength)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, "Read/Write Var parameters are missing their item count.");
        }

        var count = parameter[1];
        if (count == 0 || parameter.Length != VarParameterHeaderLength + (count * S7ItemAddress.EncodedLength))
        {
            throw new S7Exception(S7ErrorReason.ItemCountMismatch, $"{count} items do not fill {parameter.Length} parameter bytes.");
        }

        var items = new S7ItemAddress[count];
        for (var i = 0; i < count; i++)
        {
            var source = parameter.Slice(VarParameterHeaderLength + (i * S7ItemAddress.EncodedLength), S7ItemAddress.EncodedLength);
            if (source[0] != 0x12 || source[1] != 0x0A || source[2] != 0x10)
            {
                throw new S7Exception(S7ErrorReason.MalformedFrame, $"Item {i} is not an S7ANY variable specification.");
            }

            items[i] = new S7ItemAddress(
                (S7VariableType)source[3],
                BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
                BinaryPrimitives.ReadUInt16BigEndian(source[6..]),
                source[8],
                (source[9] << 16) | (source[10] << 8) | source[11]);
        }

        return items;
    }

    /// <summary>Decodes the data items of a Read Var acknowledgement, which must carry exactly <paramref name="expectedCount"/> items.</summary>
    public static S7DataItem[] DecodeReadVarResponse(S7Pdu pdu, int expectedCount)
    {
        EnsureAcknowledgement(pdu, S7Function.ReadVar);
        EnsureItemCount(pdu, expectedCount);
        return DecodeDataItems(pdu.Data, expectedCount, hasReturnCodes: true);
    }

    /// <summary>Decodes the items and data of a Write Var job.</summary>
    public static S7ItemAddress[] DecodeWriteVarRequest(S7Pdu pdu, out S7DataItem[] data)
    {
        var items = DecodeItemAddresses(pdu);
        data = DecodeDataItems(pdu.Data, items.Length, hasReturnCodes: false);
        return items;
    }

    /// <summary>Decodes the per-item return codes of a Write Var acknowledgement.</summary>
    public static S7ReturnCode[] DecodeWriteVarResponse(S7Pdu pdu, int expectedCount)
    {
        EnsureAcknowledgement(pdu, S7Function.WriteVar);
        EnsureItemCount(pdu, expectedCount);
        if (pdu.Data.Length != expectedCount)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"Write Var acknowledgement has {pdu.Data.Length} return codes for {expectedCount} items.");
        }

        var codes = new S7ReturnCode[expectedCount];
        for (var i = 0; i < expectedCount; i++)
        {
            codes[i] = (S7ReturnCode)pdu.Data.Span[i];
        }

        return codes;
    }

    private static void EnsureItemCount(S7Pdu pdu, int expectedCount)
    {
        var parameter = pdu.Parameter.Span;
        if (parameter.Length != VarParameterHeaderLength)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"Read/Write Var acknowledgement parameters are {parameter.Length} bytes, not 2.");
        }

        if (parameter[1] != expectedCount)
        {
            throw new S7Exception(S7ErrorReason.ItemCountMismatch, $"The reply carries {parameter[1]} items, the request {expectedCount}.");
        }
    }

    private static S7DataItem[] DecodeDataItems(ReadOnlyMemory<byte> data, int count, bool hasReturnCodes)
    {
        var items = new S7DataItem[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - offset < S7DataItem.HeaderLength)
            {
                throw new S7Exception(S7ErrorReason.MalformedFrame, $"Data item {i} header runs past the data section.");
            }

            var header = data.Span.Slice(offset, S7DataItem.HeaderLength);
            var returnCode = hasReturnCodes ? (S7ReturnCode)header[0] : S7ReturnCode.Success;
            var transportSize = (S7DataTransportSize)header[1];
            var length = DataByteLength(transportSize, BinaryPrimitives.ReadUInt16BigEndian(header[2..]));
            offset += S7DataItem.HeaderLength;
            if (data.Length - offset < length)
            {
                throw new S7Exception(S7ErrorReason.MalformedFrame, $"Data item {i} claims {length} bytes; {data.Length - offset} remain.");
            }

            items[i] = new S7DataItem(returnCode, transportSize, data.Slice(offset, length));
            offset += length;
            if (length % 2 != 0 && i < count - 1)
            {
                offset++;
            }
        }

        // Tolerate a fill byte after an odd last item; anything more means the lengths lie.
        if (offset != data.Length && !(offset + 1 == data.Length && items[^1].Data.Length % 2 != 0))
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"{data.Length - offset} bytes follow the last data item.");
        }

        return items;
    }
}
