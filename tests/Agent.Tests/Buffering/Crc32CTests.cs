using System.Text;
using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

public sealed class Crc32CTests
{
    // RFC 3720, appendix B.4 (CRC-32C examples), and the customary check value of "123456789".
    [Fact]
    public void Compute_RfcVectorThirtyTwoZeros_Matches() =>
        Crc32C.Compute(new byte[32]).Should().Be(0x8A9136AAu);

    [Fact]
    public void Compute_RfcVectorThirtyTwoOnes_Matches() =>
        Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()).Should().Be(0x62A8AB43u);

    [Fact]
    public void Compute_RfcVectorIncreasingBytes_Matches() =>
        Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()).Should().Be(0x46DD794Eu);

    [Fact]
    public void Compute_RfcVectorDecreasingBytes_Matches() =>
        Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()).Should().Be(0x113FDB5Cu);

    [Fact]
    public void Compute_RfcVectorIscsiReadCommand_Matches()
    {
        byte[] pdu =
        [
            0x01, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
            0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];

        Crc32C.Compute(pdu).Should().Be(0xD9963A56u);
    }

    [Fact]
    public void Compute_CheckString_Matches() =>
        Crc32C.Compute("123456789"u8).Should().Be(0xE3069283u);

    [Fact]
    public void Compute_Empty_IsZero() =>
        Crc32C.Compute([]).Should().Be(0u);

    [Fact]
    public void Append_InPieces_EqualsWhole()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog, twice over.");
        for (var split = 0; split <= data.Length; split++)
        {
            Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)).Should().Be(Crc32C.Compute(data));
        }
    }

    [Fact]
    public void Compute_OneBitFlipped_Differs()
    {
        var data = Encoding.ASCII.GetBytes("sequence 42 payload");
        var original = Crc32C.Compute(data);
        for (var bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Crc32C.Compute(data).Should().NotBe(original);
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}
