using System.Buffers.Binary;

namespace Proxus.Drivers.S7.Protocol;

/// <summary>Encodes and decodes the COTP TPDUs carried in TPKTs (ISO 8073 section 13, RFC 1006 section 5).</summary>
public static class CotpCodec
{
    /// <summary>Length indicator, DT code, TPDU number with the EOT bit.</summary>
    public const int DataHeaderLength = 3;

    /// <summary>A DT TPDU's TPDU-NR/EOT byte with EOT set (the last TPDU of a TSDU).</summary>
    public const byte EndOfTsdu = 0x80;

    private const byte TpduSizeParameter = 0xC0;
    private const byte CallingTsapParameter = 0xC1;
    private const byte CalledTsapParameter = 0xC2;
    private const int ConnectFixedPart = 7;

    /// <summary>Encodes a CR or CC as a complete TPKT frame.</summary>
    public static byte[] EncodeConnect(CotpConnect connect)
    {
        const int ParameterBytes = 3 + 4 + 4;
        var frame = new byte[TpktFrame.HeaderLength + ConnectFixedPart + ParameterBytes];
        TpktFrame.WriteHeader(frame, frame.Length);
        var tpdu = frame.AsSpan(TpktFrame.HeaderLength);
        tpdu[0] = (byte)(ConnectFixedPart - 1 + ParameterBytes);
        tpdu[1] = (byte)connect.Type;
        BinaryPrimitives.WriteUInt16BigEndian(tpdu[2..], connect.DestinationReference);
        BinaryPrimitives.WriteUInt16BigEndian(tpdu[4..], connect.SourceReference);
        tpdu[6] = 0; // class 0, no extended formats
        tpdu[7] = TpduSizeParameter;
        tpdu[8] = 1;
        tpdu[9] = connect.TpduSizeCode;
        tpdu[10] = CallingTsapParameter;
        tpdu[11] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(tpdu[12..], connect.CallingTsap);
        tpdu[14] = CalledTsapParameter;
        tpdu[15] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(tpdu[16..], connect.CalledTsap);
        return frame;
    }

    /// <summary>The TPDU code of a TPDU after checking its length indicator against the bytes present.</summary>
    public static CotpTpduType ReadType(ReadOnlySpan<byte> tpdu)
    {
        if (tpdu.Length < 2 || tpdu[0] + 1 > tpdu.Length)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, "COTP length indicator exceeds the TPKT payload.");
        }

        return (CotpTpduType)(tpdu[1] & 0xF0);
    }

    /// <summary>Decodes a CR or CC TPDU, skipping parameters it does not know.</summary>
    public static CotpConnect DecodeConnect(ReadOnlySpan<byte> tpdu)
    {
        var type = ReadType(tpdu);
        if (type is not (CotpTpduType.ConnectionRequest or CotpTpduType.ConnectionConfirm))
        {
            throw new S7Exception(S7ErrorReason.UnexpectedMessage, $"Expected a COTP CR or CC, got TPDU code 0x{(byte)type:X2}.");
        }

        var headerLength = tpdu[0] + 1;
        if (headerLength < ConnectFixedPart)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, "COTP connect TPDU is shorter than its fixed part.");
        }

        ushort calling = 0, called = 0;
        byte sizeCode = 0;
        var parameters = tpdu[ConnectFixedPart..headerLength];
        while (parameters.Length > 0)
        {
            if (parameters.Length < 2 || parameters[1] + 2 > parameters.Length)
            {
                throw new S7Exception(S7ErrorReason.MalformedFrame, "COTP parameter length exceeds the TPDU header.");
            }

            var value = parameters.Slice(2, parameters[1]);
            switch (parameters[0])
            {
                case TpduSizeParameter when value.Length == 1:
                    sizeCode = value[0];
                    break;
                case CallingTsapParameter when value.Length == 2:
                    calling = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case CalledTsapParameter when value.Length == 2:
                    called = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                default:
                    break;
            }

            parameters = parameters[(value.Length + 2)..];
        }

        return new CotpConnect(
            type,
            BinaryPrimitives.ReadUInt16BigEndian(tpdu[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(tpdu[4..]),
            calling,
            called,
            sizeCode);
    }

    /// <summary>Returns the user data of a DT TPDU and whether it ends the TSDU (EOT).</summary>
    public static ReadOnlySpan<byte> DecodeData(ReadOnlySpan<byte> tpdu, out bool endOfTsdu)
    {
        var type = ReadType(tpdu);
        if (type != CotpTpduType.Data)
        {
            var reason = type == CotpTpduType.DisconnectRequest ? S7ErrorReason.ConnectionClosed : S7ErrorReason.UnexpectedMessage;
            throw new S7Exception(reason, $"Expected a COTP DT TPDU, got TPDU code 0x{(byte)type:X2}.");
        }

        if (tpdu[0] != DataHeaderLength - 1)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"COTP DT length indicator {tpdu[0]} is not {DataHeaderLength - 1}.");
        }

        endOfTsdu = (tpdu[2] & EndOfTsdu) != 0;
        return tpdu[DataHeaderLength..];
    }

    /// <summary>Writes a DT header with EOT set.</summary>
    public static void WriteDataHeader(Span<byte> destination)
    {
        destination[0] = DataHeaderLength - 1;
        destination[1] = (byte)CotpTpduType.Data;
        destination[2] = EndOfTsdu;
    }
}
