namespace Proxus.Core.TagMaps;

/// <summary>The columns of a tag row (CSV) and the keys of a tag item (YAML), in export order.</summary>
public static class TagFields
{
    public const string Path = "path";
    public const string Connection = "connection";
    public const string Address = "address";
    public const string DataType = "data_type";
    public const string Length = "length";
    public const string ByteOrder = "byte_order";
    public const string RawMin = "raw_min";
    public const string RawMax = "raw_max";
    public const string EngineeringMin = "eng_min";
    public const string EngineeringMax = "eng_max";
    public const string Clamp = "clamp";
    public const string SourceUnit = "source_unit";
    public const string Unit = "unit";
    public const string Deadband = "deadband";
    public const string ReportByException = "report_by_exception";
    public const string PollGroup = "poll_group";
    public const string PollIntervalMs = "poll_interval_ms";
    public const string Writable = "writable";
    public const string WriteMin = "write_min";
    public const string WriteMax = "write_max";
    public const string Critical = "critical";
    public const string Description = "description";

    /// <summary>Every field, in export order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Path, Connection, Address, DataType, Length, ByteOrder, RawMin, RawMax, EngineeringMin, EngineeringMax, Clamp,
        SourceUnit, Unit, Deadband, ReportByException, PollGroup, PollIntervalMs, Writable, WriteMin, WriteMax, Critical, Description,
    ];

    /// <summary>The fields a tag cannot do without.</summary>
    public static IReadOnlyList<string> Required { get; } = [Path, Connection, Address, DataType];

    /// <summary>Fields holding numbers (a leading '-' is a sign there, not a formula).</summary>
    internal static bool IsNumeric(string field) => field is Length or RawMin or RawMax or EngineeringMin or EngineeringMax
        or Deadband or PollIntervalMs or WriteMin or WriteMax;
}
