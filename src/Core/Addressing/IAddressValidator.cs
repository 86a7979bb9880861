using System.Diagnostics.CodeAnalysis;
using Proxus.Core.Model;

namespace Proxus.Core.Addressing;

/// <summary>
/// Checks a tag address against one protocol's syntax and the tag's data type, and tells which part
/// of the device's address space it occupies. Drivers may register fuller validators in
/// <see cref="AddressValidators"/>.
/// </summary>
public interface IAddressValidator
{
    /// <param name="address">The address text from the tag map.</param>
    /// <param name="dataType">The tag's data type.</param>
    /// <param name="length">The tag's string length, when it has one.</param>
    /// <param name="footprint">On success, the space the tag occupies.</param>
    /// <param name="error">On failure, what is wrong, worded for the tag-map author.</param>
    bool TryValidate(string address, DataType dataType, int? length, out AddressFootprint footprint, [NotNullWhen(false)] out string? error);
}
