using System.Globalization;
using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>The text of each field of a tag, as both exporters write it (null: the field is empty).</summary>
internal static class TagRecordFormatter
{
    public static string? Format(Tag tag, string field) => field switch
    {
        TagFields.Path => tag.Path.Value,
        TagFields.Connection => tag.Connection,
        TagFields.Address => tag.Address,
        TagFields.DataType => tag.DataType.ToString(),
        TagFields.Length => tag.Length?.ToString(CultureInfo.InvariantCulture),
        TagFields.ByteOrder => tag.ByteOrder == ByteOrder.Abcd ? null : tag.ByteOrder.ToString().ToUpperInvariant(),
        TagFields.RawMin => Number(tag.Scaling?.RawMin),
        TagFields.RawMax => Number(tag.Scaling?.RawMax),
        TagFields.EngineeringMin => Number(tag.Scaling?.EngineeringMin),
        TagFields.EngineeringMax => Number(tag.Scaling?.EngineeringMax),
        TagFields.Clamp => tag.Scaling is null ? null : Boolean(tag.Scaling.Clamp),
        TagFields.SourceUnit => tag.SourceUnit,
        TagFields.Unit => tag.Unit,
        TagFields.Deadband => tag.Deadband is null ? null
            : Number(tag.Deadband.Value) + (tag.Deadband.Kind == DeadbandKind.Percent ? "%" : string.Empty),
        TagFields.ReportByException => Boolean(tag.ReportByException),
        TagFields.PollGroup => tag.PollGroup,
        TagFields.PollIntervalMs => tag.PollInterval is { } interval ? ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : null,
        TagFields.Writable => Boolean(tag.Writable),
        TagFields.WriteMin => Number(tag.WriteMin),
        TagFields.WriteMax => Number(tag.WriteMax),
        TagFields.Critical => tag.Critical ? Boolean(true) : null,
        TagFields.Description => tag.Description,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown tag field"),
    };

    public static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";
}
