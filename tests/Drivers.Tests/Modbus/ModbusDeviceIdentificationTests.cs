using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusDeviceIdentificationTests
{
    [Fact]
    public void ParsePage_SpecExample_DecodesObjects()
    {
        byte[] pdu = [0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x03,
            0x00, 0x16, .. "Company identification"u8, 0x01, 0x0D, .. "Product code "u8, 0x02, 0x05, .. "V2.11"u8];
        var page = ModbusDeviceIdentification.ParsePage(pdu);
        page.MoreFollows.Should().BeFalse();
        page.ConformityLevel.Should().Be(0x01);
        var identification = new ModbusDeviceIdentification(page.ConformityLevel, page.Objects);
        identification.VendorName.Should().Be("Company identification");
        identification.ProductCode.Should().Be("Product code ");
        identification.MajorMinorRevision.Should().Be("V2.11");
    }

    public static TheoryData<byte[], ModbusErrorReason> Malformed => new()
    {
        { [0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00], ModbusErrorReason.InvalidLength },
        { [0x2B, 0x0D, 0x01, 0x01, 0x00, 0x00, 0x00], ModbusErrorReason.MalformedFrame },
        { [0x2B, 0x0E, 0x01, 0x01, 0x17, 0x00, 0x00], ModbusErrorReason.MalformedFrame },
        { [0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x05, 0x41], ModbusErrorReason.InvalidLength },
        { [0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x02, 0x00, 0x01, 0x41], ModbusErrorReason.InvalidLength },
        { [0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x41, 0x99], ModbusErrorReason.InvalidLength },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ParsePage_Malformed_ThrowsTypedError(byte[] pdu, ModbusErrorReason reason)
    {
        var act = () => ModbusDeviceIdentification.ParsePage(pdu);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(reason);
    }
}
