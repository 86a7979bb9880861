using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.S7;

/// <summary>A piece of one requested value that travels as one S7ANY item: <see cref="Length"/> bytes at <see cref="ItemOffset"/> of item <see cref="ItemIndex"/>.</summary>
internal readonly record struct S7Fragment(int ItemIndex, int ItemOffset, int Length, S7ItemAddress Spec);
