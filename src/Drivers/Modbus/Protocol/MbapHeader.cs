using System.Buffers;
using System.Buffers.Binary;

namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>
/// The Modbus Application Protocol header that precedes every PDU on TCP (MODBUS Messaging on TCP/IP
/// Implementation Guide v1.0b §3.1.3): transaction id, protocol id (0), length of unit id + PDU, unit id.
/// </summary>
public readonly record struct MbapHeader(ushort TransactionId, byte UnitId, int PduLength)
{
    /// <summary>
    /// Reads a header. False, with nothing consumed, when fewer than seven bytes are buffered; a
    /// <see cref="ModbusException"/> when the protocol id is not zero or the length field is outside 2..254.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, out MbapHeader header)
    {
        Span<byte> bytes = stackalloc byte[ModbusLimits.MbapHeaderLength];
        if (!reader.TryCopyTo(bytes))
        {
            header = default;
            return false;
        }

        var protocolId = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (protocolId != 0)
        {
            throw new ModbusException(ModbusErrorReason.MalformedFrame, $"MBAP protocol id {protocolId} is not 0 (Modbus).");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (length > ModbusLimits.MaxMbapLength)
        {
            throw new ModbusException(ModbusErrorReason.FrameTooLarge, $"MBAP length {length} exceeds {ModbusLimits.MaxMbapLength}.");
        }

        if (length < 2)
        {
            throw new ModbusException(ModbusErrorReason.InvalidLength, $"MBAP length {length} leaves no room for a function code.");
        }

        reader.Advance(ModbusLimits.MbapHeaderLength);
        header = new MbapHeader(BinaryPrimitives.ReadUInt16BigEndian(bytes), bytes[6], length - 1);
        return true;
    }

    /// <summary>Writes the seven header bytes.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(PduLength + 1));
        destination[6] = UnitId;
    }
}
