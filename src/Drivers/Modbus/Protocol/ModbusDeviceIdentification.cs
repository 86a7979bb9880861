using System.Collections.ObjectModel;
using System.Text;

namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>The objects a device returned to Read Device Identification (function 43, MEI type 14, §6.21).</summary>
public sealed record ModbusDeviceIdentification(byte ConformityLevel, IReadOnlyDictionary<byte, string> Objects)
{
    /// <summary>MEI type of Read Device Identification.</summary>
    public const byte MeiType = 0x0E;

    public const byte VendorNameId = 0x00;
    public const byte ProductCodeId = 0x01;
    public const byte MajorMinorRevisionId = 0x02;

    public string? VendorName => Objects.GetValueOrDefault(VendorNameId);

    public string? ProductCode => Objects.GetValueOrDefault(ProductCodeId);

    public string? MajorMinorRevision => Objects.GetValueOrDefault(MajorMinorRevisionId);

    /// <summary>One response PDU of function 43/14, decoded and checked against its own length fields.</summary>
    public static ModbusDeviceIdentificationPage ParsePage(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 7)
        {
            throw new ModbusException(ModbusErrorReason.InvalidLength, $"Device identification reply of {pdu.Length} bytes is shorter than its 7-byte header.");
        }

        if (pdu[1] != MeiType)
        {
            throw new ModbusException(ModbusErrorReason.MalformedFrame, $"MEI type 0x{pdu[1]:X2} is not Read Device Identification.");
        }

        var moreFollows = pdu[4] switch
        {
            0x00 => false,
            0xFF => true,
            _ => throw new ModbusException(ModbusErrorReason.MalformedFrame, $"'More follows' is 0x{pdu[4]:X2}, not 0x00 or 0xFF."),
        };
        var objects = new Dictionary<byte, string>();
        var position = 7;
        for (var i = 0; i < pdu[6]; i++)
        {
            if (pdu.Length < position + 2 || pdu.Length < position + 2 + pdu[position + 1])
            {
                throw new ModbusException(ModbusErrorReason.InvalidLength, "A device identification object runs past the end of the reply.");
            }

            var length = pdu[position + 1];
            objects[pdu[position]] = Encoding.ASCII.GetString(pdu.Slice(position + 2, length));
            position += 2 + length;
        }

        if (position != pdu.Length)
        {
            throw new ModbusException(ModbusErrorReason.InvalidLength, "The device identification reply is longer than its objects.");
        }

        return new ModbusDeviceIdentificationPage(pdu[3], moreFollows, pdu[5], new ReadOnlyDictionary<byte, string>(objects));
    }
}
