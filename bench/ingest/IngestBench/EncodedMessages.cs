namespace Proxus.Bench.Ingest;

/// <summary>PUBLISH packets encoded back to back (<see cref="Bytes"/>); packet <c>i</c> ends at <c>ends[i]</c>.</summary>
public sealed class EncodedMessages(ReadOnlyMemory<byte> bytes, int[] ends)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public int Count => ends.Length;

    public int Start(int index) => index == 0 ? 0 : ends[index - 1];

    public int End(int index) => ends[index];
}
