using Proxus.Core.Model;
using Proxus.Core.Normalization;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// One tag's way from a raw reading to a UNS message: decode (done by the driver), scale and
/// convert the unit (<see cref="TagNormalizer"/>), deadband and report-by-exception
/// (<see cref="ReportByExceptionFilter"/>), quality with a reason, source timestamp, sequence.
/// Used by one poll loop at a time.
/// </summary>
internal sealed class TagPipeline
{
    private readonly TagNormalizer _normalizer;
    private readonly ReportByExceptionFilter _filter;
    private long _lastPublishedMillisecond = long.MinValue;

    /// <exception cref="Core.Units.UnitConversionException">The tag's units are unknown or incompatible.</exception>
    public TagPipeline(Tag tag)
    {
        Tag = tag;
        _normalizer = new TagNormalizer(tag);
        _filter = new ReportByExceptionFilter(tag, _normalizer.Conversion);
    }

    public Tag Tag { get; }

    /// <summary>
    /// Normalizes a reading and, when the filter says it must be published, adds its message (written
    /// in <paramref name="payload"/>) to <paramref name="batch"/>; returns whether it did.
    /// </summary>
    public bool Process(in RawReading reading, SequenceAllocator sequence, UnsBatch batch, PayloadWriter payload)
    {
        // Timestamps go out with millisecond precision and (tag, timestamp) is the key consumers
        // de-duplicate by: a poll that ran within the same millisecond as the last published one (the
        // timer catching up after an overrun) is the same sample and is not published again.
        var millisecond = reading.Timestamp.ToUnixTimeMilliseconds();
        if (millisecond == _lastPublishedMillisecond)
        {
            return false;
        }

        var normalized = reading.Error is { } error
            ? new NormalizedValue(TagValue.None, Quality.Bad(error))
            : _normalizer.Normalize(reading.Value);
        if (reading.Uncertain is { } uncertain && normalized.Quality.Level == QualityLevel.Good)
        {
            normalized = normalized with { Quality = Quality.Uncertain(uncertain) };
        }

        if (!_filter.ShouldReport(normalized))
        {
            return false;
        }

        UnsPayloadWriter.Write(payload.Begin(), new UnsPayload(normalized.Value, _normalizer.Unit, normalized.Quality, reading.Timestamp, Tag.Address, sequence.Next()));
        batch.Add(Tag.Path.Value, payload.Written);
        _lastPublishedMillisecond = millisecond;
        return true;
    }
}
