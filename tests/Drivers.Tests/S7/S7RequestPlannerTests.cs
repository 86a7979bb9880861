using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.Tests.S7;

public sealed class S7RequestPlannerTests
{
    [Theory]
    [InlineData(240)]
    [InlineData(480)]
    [InlineData(960)]
    public void PlanReads_ManyScatteredItems_EveryRequestAndReplyFitsThePdu(int pduSize)
    {
        var addresses = Enumerable.Range(0, 1000).Select(i => S7Address.Parse(i % 3 == 0 ? $"DB1.DBD{i * 8}:REAL" : i % 3 == 1 ? $"M{i}.{i % 8}" : $"DB2.DBB{i}")).ToList();

        var batches = S7RequestPlanner.PlanReads(addresses, pduSize, 20);

        foreach (var batch in batches)
        {
            batch.Length.Should().BeInRange(1, 20);
            S7PduCodec.EncodeReadVarRequest(1, batch.Select(f => f.Spec).ToArray()).Length.Should().BeLessThanOrEqualTo(pduSize + S7PduCodec.FrameOverhead);
            var reply = S7PduCodec.EncodeReadVarResponse(1, batch.Select(f => new S7DataItem(S7ReturnCode.Success, S7DataTransportSize.Byte, new byte[f.Length])).ToArray());
            reply.Length.Should().BeLessThanOrEqualTo(pduSize + S7PduCodec.FrameOverhead);
        }

        batches.SelectMany(b => b).Select(f => f.ItemIndex).Should().Equal(Enumerable.Range(0, 1000));
    }

    [Fact]
    public void PlanReads_ValueLargerThanPdu_SplitsIntoContiguousChunks()
    {
        var address = S7Address.Parse("DB7.STRING100.254");

        var fragments = S7RequestPlanner.PlanReads([address], 64, 20).SelectMany(b => b).ToList();

        fragments.Should().HaveCountGreaterThan(1);
        fragments.Sum(f => f.Length).Should().Be(256);
        fragments.Select(f => f.ItemOffset).Should().BeInAscendingOrder();
        fragments.Should().OnlyContain(f => f.Spec.Address == (100 + f.ItemOffset) * 8 && f.Spec.Count == f.Length && f.Spec.DbNumber == 7);
        fragments.Should().OnlyContain(f => S7Header.AckLength + 2 + 4 + f.Length <= 64);
    }

    [Theory]
    [InlineData(240)]
    [InlineData(960)]
    public void PlanWrites_ManyItems_EveryRequestFitsThePdu(int pduSize)
    {
        var addresses = Enumerable.Range(0, 300).Select(i => S7Address.Parse(i % 2 == 0 ? $"DB1.DBD{i * 4}" : $"DB1.STRING{2000 + (i * 40)}.30")).ToList();

        var batches = S7RequestPlanner.PlanWrites(addresses, pduSize, 20);

        foreach (var batch in batches)
        {
            var data = batch.Select(f => new S7DataItem(S7ReturnCode.Reserved, S7DataTransportSize.Byte, new byte[f.Length])).ToArray();
            S7PduCodec.EncodeWriteVarRequest(1, batch.Select(f => f.Spec).ToArray(), data).Length.Should().BeLessThanOrEqualTo(pduSize + S7PduCodec.FrameOverhead);
        }

        batches.SelectMany(b => b).GroupBy(f => f.ItemIndex).Should().HaveCount(300);
    }

    [Fact]
    public void PlanReads_BitAndTimer_UseTheirOwnItemTypes()
    {
        var fragments = S7RequestPlanner.PlanReads([S7Address.Parse("Q3.5"), S7Address.Parse("T12"), S7Address.Parse("C2")], 240, 20).Single();

        fragments.Select(f => f.Spec).Should().Equal(
            new S7ItemAddress(S7VariableType.Bit, 1, 0, 0x82, 29),
            new S7ItemAddress(S7VariableType.Timer, 1, 0, 0x1D, 12),
            new S7ItemAddress(S7VariableType.Counter, 1, 0, 0x1C, 2));
    }
}
