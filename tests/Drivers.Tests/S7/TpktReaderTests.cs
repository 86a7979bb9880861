using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.Tests.S7;

public sealed class TpktReaderTests
{
    [Fact]
    public async Task ReadS7PduAsync_SegmentedTsdu_Reassembles()
    {
        var stream = new MemoryStream([3, 0, 0, 9, 2, 0xF0, 0x00, 1, 2, 3, 0, 0, 9, 2, 0xF0, 0x80, 3, 4]);
        var reader = new TpktReader(stream, 64);

        var pdu = await reader.ReadS7PduAsync(CancellationToken.None);

        pdu.ToArray().Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task ReadS7PduAsync_SegmentsExceedLimit_ThrowsFrameTooLarge()
    {
        var segment = new byte[] { 3, 0, 0, 17, 2, 0xF0, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        var stream = new MemoryStream([.. segment, .. segment, .. segment, .. segment]);
        var reader = new TpktReader(stream, 24);

        var act = async () => await reader.ReadS7PduAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.FrameTooLarge);
    }

    [Fact]
    public async Task ReadTpduAsync_StreamEndsMidFrame_ThrowsConnectionClosed()
    {
        var reader = new TpktReader(new MemoryStream([3, 0, 0, 20, 2, 0xF0]), 64);

        var act = async () => await reader.ReadTpduAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.ConnectionClosed);
    }

    [Fact]
    public async Task ReadTpduAsync_TwoFramesInOneRead_ReturnsBothInOrder()
    {
        var reader = new TpktReader(new MemoryStream([3, 0, 0, 8, 2, 0xF0, 0x80, 0xAA, 3, 0, 0, 8, 2, 0xF0, 0x80, 0xBB]), 64);

        (await reader.ReadS7PduAsync(CancellationToken.None)).ToArray().Should().Equal(0xAA);
        (await reader.ReadS7PduAsync(CancellationToken.None)).ToArray().Should().Equal(0xBB);
    }
}
