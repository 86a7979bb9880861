using Proxus.Core.Model;
using Proxus.Core.Units;

namespace Proxus.Core.Normalization;

/// <summary>
/// Decides per tag whether a normalized value is published. Without report-by-exception every
/// value is. With it, a value is published when it is the first, when its quality changed, or
/// when it differs from the last published value by more than the deadband (any change when the
/// deadband is zero). The comparison is always against the last published value, so slow drift is
/// reported once it adds up. Not thread-safe: one instance per tag, used by its poll loop.
/// </summary>
public sealed class ReportByExceptionFilter
{
    private readonly bool _reportByException;
    private NormalizedValue _last;
    private bool _hasLast;

    /// <param name="tag">The tag (its deadband and scaling).</param>
    /// <param name="conversion">The source-to-published unit conversion (a percent deadband's span is converted).</param>
    public ReportByExceptionFilter(Tag tag, UnitConversion conversion)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _reportByException = tag.ReportByException;
        Threshold = tag.Deadband switch
        {
            null => 0,
            { Kind: DeadbandKind.Absolute } deadband => deadband.Value,
            { } deadband => deadband.Value / 100 * Math.Abs(conversion.ApplyToDifference(tag.Scaling?.EngineeringSpan ?? 0)),
        };
    }

    /// <summary>The change (in the published unit) a numeric value must exceed to be reported.</summary>
    public double Threshold { get; }

    /// <summary>Returns true when the value must be published, and then remembers it as the last published one.</summary>
    public bool ShouldReport(in NormalizedValue value)
    {
        if (!_reportByException)
        {
            return true;
        }

        if (_hasLast && value.Quality == _last.Quality && !Changed(value.Value, _last.Value))
        {
            return false;
        }

        _last = value;
        _hasLast = true;
        return true;
    }

    /// <summary>Forgets the last published value, so that the next one is reported (after a reconnect).</summary>
    public void Reset() => _hasLast = false;

    private bool Changed(TagValue current, TagValue last)
    {
        if (current.IsNumeric && last.IsNumeric)
        {
            var delta = Math.Abs(current.ToDouble() - last.ToDouble());
            return Threshold == 0 ? current != last : delta > Threshold;
        }

        return current != last;
    }
}
