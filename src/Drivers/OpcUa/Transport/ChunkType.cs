namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>The fourth header byte: final chunk, intermediate chunk or abort (Part 6 section 6.7.2.2).</summary>
internal enum ChunkType : byte
{
    Final = (byte)'F',
    Intermediate = (byte)'C',
    Abort = (byte)'A',
}
