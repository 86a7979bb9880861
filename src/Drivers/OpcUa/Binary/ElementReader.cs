namespace Proxus.Drivers.OpcUa.Binary;

/// <summary>Reads one element of an encoded array.</summary>
internal delegate T ElementReader<out T>(ref UaBinaryReader reader);
