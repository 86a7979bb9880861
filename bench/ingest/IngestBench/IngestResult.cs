namespace Proxus.Bench.Ingest;

/// <summary>Everything one benchmark run measured, for <see cref="Report"/>.</summary>
public sealed record IngestResult
{
    public required long Rows { get; init; }

    public required int Publishers { get; init; }

    /// <summary><c>raw</c> (pre-encoded packets) or <c>client</c> (our MQTT client).</summary>
    public required string Generator { get; init; }

    /// <summary>From the first publish until the server had committed the last value.</summary>
    public required double IngestSeconds { get; init; }

    /// <summary>From the first publish until the last PUBACK.</summary>
    public required double PublishSeconds { get; init; }

    /// <summary>Once a second during the end-to-end run, the first at the start and the last at the end.</summary>
    public required IReadOnlyList<SeriesPoint> Series { get; init; }

    public required double CopySeconds { get; init; }

    public required double CopyPostgresCpu { get; init; }

    public required double CopyPsqlCpu { get; init; }

    public required double MedianMs { get; init; }

    public required double P95Ms { get; init; }

    public required int Buckets { get; init; }

    /// <summary>Bytes per row allocated by the server's ingest code alone, measured in the benchmark process.</summary>
    public required double IngestCodeBytesPerRow { get; init; }

    public required string Load { get; init; }

    public CpuUse Cpu => Series[^1].Cpu - Series[0].Cpu;

    public ServerGcStats Gc => Series[^1].Gc - Series[0].Gc;

    public double IngestRate => Rows / IngestSeconds;

    public double CopyRate => Rows / CopySeconds;
}
