using Proxus.Core.Addressing;
using Proxus.Core.Model;
using Proxus.Core.Units;

namespace Proxus.Core.TagMaps;

public sealed partial class TagMapValidator
{
    /// <summary>Validates one tag against its connection; returns its address footprint when the address is valid.</summary>
    private AddressFootprint? ValidateTag(Tag tag, int row, Dictionary<string, Connection> connections, IReadOnlySet<string>? unresolved, TagMapErrors errors)
    {
        ValidateScaling(tag, row, errors);
        ValidateUnits(tag, row, errors);
        ValidateDeadband(tag, row, errors);
        ValidateWriteLimits(tag, row, errors);
        if (tag.Description is { Length: 0 })
        {
            errors.Add(row, TagFields.Description, "an empty description must be left out");
        }

        if (tag.Length is not null && tag.DataType != DataType.String)
        {
            errors.Add(row, TagFields.Length, "length applies to String tags only");
        }

        if (!connections.TryGetValue(tag.Connection, out var connection))
        {
            if (unresolved?.Contains(tag.Connection) == true)
            {
                return null;
            }

            errors.Add(row, TagFields.Connection, $"unknown connection '{tag.Connection}'");
            return null;
        }

        ValidatePolling(tag, connection, row, errors);
        if (tag.ByteOrder != ByteOrder.Abcd && !connection.Protocol.IsModbus())
        {
            errors.Add(row, TagFields.ByteOrder, "byte_order applies to Modbus tags only");
        }

        if (!_addresses.For(connection.Protocol).TryValidate(tag.Address, tag.DataType, tag.Length, out var footprint, out var error))
        {
            errors.Add(row, TagFields.Address, error);
            return null;
        }

        return footprint;
    }

    private static void ValidateScaling(Tag tag, int row, TagMapErrors errors)
    {
        if (tag.Scaling is not { } scaling)
        {
            return;
        }

        if (!tag.DataType.IsNumeric())
        {
            errors.Add(row, TagFields.RawMin, "scaling applies to numeric tags only");
        }
        else if (!double.IsFinite(scaling.RawMin) || !double.IsFinite(scaling.RawMax) || !double.IsFinite(scaling.EngineeringMin) || !double.IsFinite(scaling.EngineeringMax))
        {
            errors.Add(row, TagFields.RawMin, "scaling bounds must be finite numbers");
        }
        else if (scaling.RawMin == scaling.RawMax)
        {
            errors.Add(row, TagFields.RawMax, $"raw_max must differ from raw_min ({scaling.RawMin})");
        }
        else if (scaling.EngineeringMin == scaling.EngineeringMax)
        {
            errors.Add(row, TagFields.EngineeringMax, $"eng_max must differ from eng_min ({scaling.EngineeringMin})");
        }
    }

    private static void ValidateUnits(Tag tag, int row, TagMapErrors errors)
    {
        if (tag.SourceUnit is null && tag.Unit is null)
        {
            return;
        }

        if (!tag.DataType.IsNumeric())
        {
            errors.Add(row, tag.SourceUnit is null ? TagFields.Unit : TagFields.SourceUnit, "units apply to numeric tags only");
            return;
        }

        var sourceKnown = tag.SourceUnit is null || CheckUnit(tag.SourceUnit, TagFields.SourceUnit, row, errors);
        var unitKnown = tag.Unit is null || CheckUnit(tag.Unit, TagFields.Unit, row, errors);
        if (sourceKnown && unitKnown && tag.SourceUnit is not null && tag.Unit is not null
            && !UnitCatalog.TryGetConversion(tag.SourceUnit, tag.Unit, out _, out var error))
        {
            errors.Add(row, TagFields.Unit, error);
        }
    }

    private static bool CheckUnit(string code, string field, int row, TagMapErrors errors)
    {
        if (UnitCatalog.TryGet(code, out _))
        {
            return true;
        }

        errors.Add(row, field, UnitCatalog.UnknownUnitMessage(code));
        return false;
    }

    private static void ValidateDeadband(Tag tag, int row, TagMapErrors errors)
    {
        if (tag.Deadband is not { } deadband)
        {
            return;
        }

        var message = !tag.DataType.IsNumeric() ? "deadband applies to numeric tags only"
            : !tag.ReportByException ? "a deadband needs report_by_exception true"
            : !double.IsFinite(deadband.Value) || deadband.Value < 0 ? "deadband must be a finite number, not negative"
            : deadband.Kind == DeadbandKind.Percent && deadband.Value > 100 ? "a percent deadband must be at most 100%"
            : deadband.Kind == DeadbandKind.Percent && tag.Scaling is null ? "a percent deadband needs a scaling range (raw_min, raw_max, eng_min, eng_max)"
            : null;
        if (message is not null)
        {
            errors.Add(row, TagFields.Deadband, message);
        }
    }

    private static void ValidateWriteLimits(Tag tag, int row, TagMapErrors errors)
    {
        if (tag.Critical && !tag.Writable)
        {
            errors.Add(row, TagFields.Critical, "critical applies to writable tags only");
        }

        if (tag.WriteMin is null && tag.WriteMax is null)
        {
            return;
        }

        var field = tag.WriteMin is null ? TagFields.WriteMax : TagFields.WriteMin;
        if (!tag.Writable)
        {
            errors.Add(row, field, "write limits apply to writable tags only");
        }
        else if (!tag.DataType.IsNumeric())
        {
            errors.Add(row, field, "write limits apply to numeric tags only");
        }
        else if (tag.WriteMin is { } min && tag.WriteMax is { } max && min > max)
        {
            errors.Add(row, TagFields.WriteMin, $"write_min {min} is greater than write_max {max}");
        }
    }

    private void ValidatePolling(Tag tag, Connection connection, int row, TagMapErrors errors)
    {
        if (tag.PollGroup is not null && tag.PollInterval is not null)
        {
            errors.Add(row, TagFields.PollIntervalMs, "give poll_group or poll_interval_ms, not both");
        }
        else if (tag.PollGroup is null && tag.PollInterval is null)
        {
            errors.Add(row, TagFields.PollGroup, "give poll_group or poll_interval_ms");
        }
        else if (tag.PollGroup is not null && !connection.PollGroups.Any(group => string.Equals(group.Name, tag.PollGroup, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(row, TagFields.PollGroup, $"connection '{connection.Id}' has no poll group '{tag.PollGroup}'");
        }
        else if (tag.PollInterval is { } interval)
        {
            CheckInterval(interval, TagFields.PollIntervalMs, row, errors);
        }
    }
}
