namespace Proxus.Bench.Ingest;

/// <summary>One round of the comparison: an end-to-end run, then a raw COPY of the rows it stored.</summary>
public sealed record IngestRound
{
    public required int Number { get; init; }

    public required long Rows { get; init; }

    /// <summary>From the first publish until the server had committed the last value.</summary>
    public required double IngestSeconds { get; init; }

    /// <summary>From the first publish until the last PUBACK.</summary>
    public required double PublishSeconds { get; init; }

    /// <summary>Once a second during the end-to-end run, the first at the start and the last at the end.</summary>
    public required IReadOnlyList<SeriesPoint> Series { get; init; }

    public required double CopySeconds { get; init; }

    public required double CopyPostgresCpu { get; init; }

    public required double CopyPsqlCpu { get; init; }

    public required string Load { get; init; }

    public CpuUse Cpu => Series[^1].Cpu - Series[0].Cpu;

    public ServerGcStats Gc => Series[^1].Gc - Series[0].Gc;

    public double IngestRate => Rows / IngestSeconds;

    public double CopyRate => Rows / CopySeconds;

    public double Ratio => IngestRate / CopyRate;
}
