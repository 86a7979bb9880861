using Proxus.Drivers.Modbus.Data;
using Proxus.Drivers.Modbus.Planning;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusReadPlannerTests
{
    [Fact]
    public void Plan_NearbyTags_MergeIntoOneBlock()
    {
        var tags = Tags("HR0:Float32", "HR2:Int16", "HR10:Int64");
        var plan = new ModbusReadPlanner(maxGap: 8).Plan(tags, 1);
        plan.Blocks.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Area = ModbusArea.HoldingRegister, Start = (ushort)0, Count = 14 });
        plan.Blocks[0].TagIndexes.Should().BeEquivalentTo([0, 1, 2]);
    }

    [Fact]
    public void Plan_GapLargerThanMax_SplitsBlocks()
    {
        var plan = new ModbusReadPlanner(maxGap: 3).Plan(Tags("HR0:Int16", "HR5:Int16", "HR8:Int16"), 1);
        plan.Blocks.Select(b => (b.Start, b.Count)).Should().Equal((0, 1), (5, 4));
    }

    [Fact]
    public void Plan_RegisterLimit_IsNeverExceeded()
    {
        var tags = Enumerable.Range(0, 300).Select(i => ModbusTag.Create($"HR{i * 2}", ModbusDataType.Float32)).ToArray();
        var plan = new ModbusReadPlanner(maxGap: 10).Plan(tags, 1);
        plan.Blocks.Should().OnlyContain(b => b.Count <= 125);
        plan.Blocks.Sum(b => b.TagIndexes.Count).Should().Be(300);
        plan.Blocks.Should().HaveCount(5);
    }

    [Fact]
    public void Plan_BitLimit_AppliesToCoils()
    {
        var tags = Enumerable.Range(0, 4500).Select(i => ModbusTag.Create($"CO{i}", ModbusDataType.Bool)).ToArray();
        new ModbusReadPlanner(maxGap: 0).Plan(tags, 1).Blocks.Select(b => b.Count).Should().Equal(2000, 2000, 500);
    }

    [Fact]
    public void Plan_TablesAndUnits_AreNeverMixed()
    {
        ModbusTag[] tags =
        [
            ModbusTag.Create("HR0", ModbusDataType.Int16),
            ModbusTag.Create("IR1", ModbusDataType.Int16),
            ModbusTag.Create("HR1", ModbusDataType.Int16, unitId: 2),
            ModbusTag.Create("HR1.4", ModbusDataType.Bool),
            ModbusTag.Create("CO0", ModbusDataType.Bool),
        ];
        var plan = new ModbusReadPlanner(maxGap: 10).Plan(tags, 1);
        plan.Blocks.Should().HaveCount(4);
        plan.Blocks.Should().ContainSingle(b => b.UnitId == 1 && b.Area == ModbusArea.HoldingRegister && b.Count == 2 && b.TagIndexes.Count == 2);
        plan.Blocks.Should().ContainSingle(b => b.UnitId == 2);
    }

    [Fact]
    public void Plan_OverlappingTags_ShareRegisters()
    {
        var plan = new ModbusReadPlanner(maxGap: 0).Plan(Tags("HR0:Int64", "HR1:Int16", "HR3.1:Bool"), 1);
        plan.Blocks.Should().ContainSingle().Which.Count.Should().Be(4);
    }

    [Fact]
    public void Plan_KnownBadAddress_IsExcludedAndNotSpanned()
    {
        var tags = Tags("HR0:Int16", "HR2:Int16", "HR4:Int16");
        var planner = new ModbusReadPlanner(maxGap: 10);
        planner.MarkBad(tags[1], 1);
        var plan = planner.Plan(tags, 1);
        plan.KnownBadTagIndexes.Should().Equal(1);
        plan.Blocks.Select(b => (b.Start, b.Count)).Should().Equal((0, 1), (4, 1));

        planner.Plan(tags, 2).Blocks.Should().ContainSingle("bad addresses are remembered per unit");
        planner.ForgetBadAddresses();
        planner.Plan(tags, 1).Blocks.Should().ContainSingle();
    }

    [Fact]
    public void Cover_SubsetOfTags_SpansThem()
    {
        var tags = Tags("HR10:Float32", "HR20:Int16", "HR4:Int64");
        ModbusReadPlanner.Cover(tags, [0, 2], 1, ModbusArea.HoldingRegister).Should().BeEquivalentTo(new { Start = (ushort)4, Count = 8 });
    }

    private static ModbusTag[] Tags(params string[] specs) => specs
        .Select(s => s.Split(':'))
        .Select(p => ModbusTag.Create(p[0], Enum.Parse<ModbusDataType>(p[1])))
        .ToArray();
}
