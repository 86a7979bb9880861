using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Core.TagMaps;

/// <summary>Turns the text fields of one tag row or item into a <see cref="Tag"/>, or records why not.</summary>
internal static class TagRecordParser
{
    public const int MaxPollIntervalMs = 86_400_000;

    /// <summary>Returns the tag, or null when any field was wrong (each reported).</summary>
    public static Tag? Parse(FieldReader fields, TagMapErrors errors)
    {
        var before = errors.Count;
        UnsPath? path = null;
        var pathText = fields.RequiredText(TagFields.Path);
        if (pathText is not null && !UnsPath.TryParse(pathText, out path, out var pathError))
        {
            fields.Error(TagFields.Path, pathError.Message);
        }

        var connection = fields.RequiredText(TagFields.Connection);
        var address = fields.RequiredText(TagFields.Address);
        DataType? dataType = fields.Has(TagFields.DataType)
            ? fields.Enum<DataType>(TagFields.DataType, "data type")
            : RequiredMissing(fields, TagFields.DataType);
        var length = fields.Integer(TagFields.Length, 1, 65_535);
        var byteOrder = fields.Enum<ByteOrder>(TagFields.ByteOrder, "byte order");
        var scaling = ParseScaling(fields);
        var deadband = ParseDeadband(fields);
        var reportByException = fields.Boolean(TagFields.ReportByException);
        var pollInterval = fields.Integer(TagFields.PollIntervalMs, 1, MaxPollIntervalMs);
        var writable = fields.Boolean(TagFields.Writable);
        var writeMin = fields.Number(TagFields.WriteMin);
        var writeMax = fields.Number(TagFields.WriteMax);
        var critical = fields.Boolean(TagFields.Critical);
        if (errors.Count != before)
        {
            return null;
        }

        return new Tag
        {
            Path = path!,
            Connection = connection!,
            Address = address!,
            DataType = dataType!.Value,
            Length = length,
            ByteOrder = byteOrder ?? ByteOrder.Abcd,
            Scaling = scaling,
            SourceUnit = fields.Text(TagFields.SourceUnit),
            Unit = fields.Text(TagFields.Unit),
            Deadband = deadband,
            ReportByException = reportByException ?? true,
            PollGroup = fields.Text(TagFields.PollGroup),
            PollInterval = pollInterval is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Writable = writable ?? false,
            WriteMin = writeMin,
            WriteMax = writeMax,
            Critical = critical ?? false,
            Description = fields.Text(TagFields.Description),
        };
    }

    private static DataType? RequiredMissing(FieldReader fields, string field)
    {
        fields.Error(field, "is required");
        return null;
    }

    private static LinearScaling? ParseScaling(FieldReader fields)
    {
        string[] names = [TagFields.RawMin, TagFields.RawMax, TagFields.EngineeringMin, TagFields.EngineeringMax];
        var present = names.Where(fields.Has).ToList();
        var clamp = fields.Boolean(TagFields.Clamp);
        if (present.Count == 0)
        {
            if (clamp is not null)
            {
                fields.Error(TagFields.Clamp, "clamp needs a scaling range (raw_min, raw_max, eng_min, eng_max)");
            }

            return null;
        }

        if (present.Count < names.Length)
        {
            var missing = names.Except(present).ToList();
            fields.Error(missing[0], $"scaling needs raw_min, raw_max, eng_min and eng_max together (missing: {string.Join(", ", missing)})");
            return null;
        }

        var values = names.Select(fields.Number).ToList();
        return values.Any(value => value is null) ? null : new LinearScaling(values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value, clamp ?? false);
    }

    private static Deadband? ParseDeadband(FieldReader fields)
    {
        var text = fields.Text(TagFields.Deadband);
        if (text is null)
        {
            return null;
        }

        var percent = text.EndsWith('%');
        var number = percent ? text[..^1] : text;
        if (!double.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowExponent | System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            fields.Error(TagFields.Deadband, $"'{text}' is not a deadband (an amount like 0.5 or a percentage like 2%)");
            return null;
        }

        return new Deadband(percent ? DeadbandKind.Percent : DeadbandKind.Absolute, value);
    }
}
