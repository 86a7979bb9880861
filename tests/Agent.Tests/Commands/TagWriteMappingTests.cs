using Proxus.Agent.Commands;
using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Agent.Tests.Commands;

public sealed class TagWriteMappingTests
{
    private static Tag Tag(DataType type, LinearScaling? scaling = null, string? sourceUnit = null, string? unit = null) => new()
    {
        Path = UnsPath.Parse("Acme/SiteA/Press/Line1/Press_Machine/Setpoint"),
        Connection = "press-plc",
        Address = "HR20",
        DataType = type,
        Scaling = scaling,
        SourceUnit = sourceUnit,
        Unit = unit,
        Writable = true,
    };

    [Fact]
    public void Plan_ScaledIntegerTag_WritesTheRoundedRawValueAndReadsBackTheEngineeringValue()
    {
        var tag = Tag(DataType.UInt16, new LinearScaling(0, 10000, 0, 100, Clamp: false));

        var plan = TagWriteMapping.Plan(tag, Protocol.ModbusTcp, "12.345", out var problem);

        plan.Should().NotBeNull(problem);
        plan!.Value.Raw.Should().Be("1234");
        plan.Value.Format.Type.Should().Be("UInt16");
        TagWriteMapping.ReadBack(tag, (ushort)1234, out _).Should().Be("12.34");
    }

    [Fact]
    public void Plan_UnitConversion_IsInvertedBeforeTheWrite()
    {
        var tag = Tag(DataType.Float32, sourceUnit: "degC", unit: "degF");

        var plan = TagWriteMapping.Plan(tag, Protocol.S7, "212", out _);

        plan!.Value.Raw.Should().Be("100");
        plan.Value.Format.Type.Should().Be("real");
        TagWriteMapping.ReadBack(tag, 100f, out _).Should().Be("212");
    }

    [Fact]
    public void Plan_RawValueOutsideTheDeviceType_IsRefused()
    {
        var tag = Tag(DataType.Int16, new LinearScaling(0, 100000, 0, 100, Clamp: false));

        TagWriteMapping.Plan(tag, Protocol.ModbusTcp, "50", out var problem).Should().BeNull();
        problem.Should().Contain("does not fit");
    }

    [Theory]
    [InlineData(Protocol.OpcUa, DataType.Float32)]
    [InlineData(Protocol.S7, DataType.Int64)]
    [InlineData(Protocol.ModbusTcp, DataType.Byte)]
    public void Plan_NoWritePath_IsRefused(Protocol protocol, DataType type)
    {
        TagWriteMapping.Plan(Tag(type), protocol, "1", out var problem).Should().BeNull();
        problem.Should().Contain("no governed write path");
    }

    [Fact]
    public void ReadBack_UnusableValue_IsAProblem()
    {
        TagWriteMapping.ReadBack(Tag(DataType.Float32), "text", out var problem).Should().BeNull();
        problem.Should().NotBeNullOrEmpty();
    }
}
