namespace Proxus.Drivers.S7;

/// <summary>A value to write at an address (see <see cref="S7ValueCodec.Encode"/> for accepted values).</summary>
public sealed record S7WriteItem(S7Address Address, object Value);
