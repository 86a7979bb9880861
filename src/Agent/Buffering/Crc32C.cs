using System.Buffers.Binary;
using System.Numerics;

namespace Proxus.Agent.Buffering;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF) as
/// used by iSCSI (RFC 3720, appendix B.4). <see cref="BitOperations.Crc32C(uint, ulong)"/> is the
/// unconditioned update step, hardware-accelerated on x86 (SSE4.2) and Arm64 and in software elsewhere.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a finished CRC, 0 for none yet) over more bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        while (data.Length >= sizeof(ulong))
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var value in data)
        {
            state = BitOperations.Crc32C(state, value);
        }

        return ~state;
    }
}
