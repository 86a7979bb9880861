using System.Buffers.Binary;

namespace Proxus.Drivers.S7.Protocol;

/// <summary>
/// Encodes S7 PDUs as complete TPKT + COTP DT frames and decodes PDUs whose length is already known
/// from the transport. Every length field is checked against the bytes actually present.
/// </summary>
public static partial class S7PduCodec
{
    /// <summary>TPKT header plus COTP DT header in front of every S7 PDU.</summary>
    public const int FrameOverhead = TpktFrame.HeaderLength + CotpCodec.DataHeaderLength;

    /// <summary>Function and item count.</summary>
    public const int VarParameterHeaderLength = 2;

    /// <summary>Largest item count that fits the one-byte count field.</summary>
    public const int MaxItemCount = byte.MaxValue;

    /// <summary>Size of a Read Var job with <paramref name="itemCount"/> items.</summary>
    public static int ReadRequestLength(int itemCount) => S7Header.JobLength + VarParameterHeaderLength + (itemCount * S7ItemAddress.EncodedLength);

    /// <summary>Size of a Write Var acknowledgement for <paramref name="itemCount"/> items.</summary>
    public static int WriteResponseLength(int itemCount) => S7Header.AckLength + VarParameterHeaderLength + itemCount;

    /// <summary>Decodes a PDU header and checks that its parameter and data lengths add up to the PDU.</summary>
    public static S7Pdu Decode(ReadOnlyMemory<byte> pdu)
    {
        var span = pdu.Span;
        if (span.Length < 2 || span[0] != S7Header.ProtocolId)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, "The COTP payload is not an S7 PDU (protocol id 0x32).");
        }

        var type = (S7PduType)span[1];
        if (type is not (S7PduType.Job or S7PduType.Ack or S7PduType.AckData or S7PduType.UserData))
        {
            throw new S7Exception(S7ErrorReason.UnexpectedMessage, $"Unknown S7 ROSCTR 0x{span[1]:X2}.");
        }

        var headerLength = S7Header.HasErrorFields(type) ? S7Header.AckLength : S7Header.JobLength;
        if (span.Length < headerLength)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"The S7 PDU ({span.Length} bytes) is shorter than its header.");
        }

        var header = new S7Header(
            type,
            BinaryPrimitives.ReadUInt16BigEndian(span[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(span[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(span[8..]),
            headerLength == S7Header.AckLength ? span[10] : (byte)0,
            headerLength == S7Header.AckLength ? span[11] : (byte)0);
        if (headerLength + header.ParameterLength + header.DataLength != span.Length)
        {
            throw new S7Exception(
                S7ErrorReason.MalformedFrame,
                $"S7 header lengths (parameter {header.ParameterLength}, data {header.DataLength}) do not match the {span.Length - headerLength} bytes after the header.");
        }

        return new S7Pdu(
            header,
            pdu.Slice(headerLength, header.ParameterLength),
            pdu.Slice(headerLength + header.ParameterLength, header.DataLength));
    }

    /// <summary>Data byte count of an item from its transport size and length field.</summary>
    public static int DataByteLength(S7DataTransportSize transportSize, int length) => transportSize switch
    {
        S7DataTransportSize.Null => 0,
        S7DataTransportSize.Bit or S7DataTransportSize.Byte or S7DataTransportSize.Integer => (length + 7) / 8,
        S7DataTransportSize.Real or S7DataTransportSize.OctetString => length,
        _ => throw new S7Exception(S7ErrorReason.MalformedFrame, $"Unknown data transport size 0x{(byte)transportSize:X2}."),
    };

    /// <summary>The length field for <paramref name="byteLength"/> bytes of the transport size.</summary>
    public static ushort LengthField(S7DataTransportSize transportSize, int byteLength) => transportSize switch
    {
        S7DataTransportSize.Byte or S7DataTransportSize.Integer => checked((ushort)(byteLength * 8)),
        S7DataTransportSize.Bit => checked((ushort)Math.Min(byteLength, 1)),
        _ => checked((ushort)byteLength),
    };

    /// <summary>Throws unless the PDU is the acknowledgement of <paramref name="function"/>; maps header errors.</summary>
    public static void EnsureAcknowledgement(S7Pdu pdu, S7Function function)
    {
        if (pdu.Header.ErrorClass != 0 || pdu.Header.ErrorCode != 0)
        {
            throw new S7Exception(
                S7ErrorReason.RequestRejected,
                $"The PLC rejected the request: error class 0x{pdu.Header.ErrorClass:X2}, code 0x{pdu.Header.ErrorCode:X2}.")
            {
                ErrorClass = pdu.Header.ErrorClass,
                ErrorCode = pdu.Header.ErrorCode,
            };
        }

        if (pdu.Header.PduType != S7PduType.AckData)
        {
            throw new S7Exception(S7ErrorReason.UnexpectedMessage, $"Expected an AckData (ROSCTR 3), got ROSCTR 0x{(byte)pdu.Header.PduType:X2}.");
        }

        if (pdu.Function != function)
        {
            throw new S7Exception(S7ErrorReason.UnexpectedMessage, $"Expected function 0x{(byte)function:X2} in the acknowledgement, got {pdu.Function}.");
        }
    }

    private static byte[] CreateFrame(S7PduType type, ushort reference, int parameterLength, int dataLength, out Span<byte> parameter, out Span<byte> data)
    {
        var headerLength = S7Header.HasErrorFields(type) ? S7Header.AckLength : S7Header.JobLength;
        var frame = new byte[FrameOverhead + headerLength + parameterLength + dataLength];
        TpktFrame.WriteHeader(frame, frame.Length);
        CotpCodec.WriteDataHeader(frame.AsSpan(TpktFrame.HeaderLength));
        var header = frame.AsSpan(FrameOverhead);
        header[0] = S7Header.ProtocolId;
        header[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], reference);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], checked((ushort)parameterLength));
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], checked((ushort)dataLength));
        parameter = header.Slice(headerLength, parameterLength);
        data = header.Slice(headerLength + parameterLength, dataLength);
        return frame;
    }
}
