namespace Proxus.Bench.Ingest;

/// <summary>Everything one benchmark run measured, for <see cref="Report"/>.</summary>
public sealed record IngestResult
{
    public required long Rows { get; init; }

    public required int Publishers { get; init; }

    /// <summary><c>raw</c> (pre-encoded packets) or <c>client</c> (our MQTT client).</summary>
    public required string Generator { get; init; }

    /// <summary>The rounds in the order they ran; at least one.</summary>
    public required IReadOnlyList<IngestRound> Rounds { get; init; }

    public required double MedianMs { get; init; }

    public required double P95Ms { get; init; }

    public required int Buckets { get; init; }

    /// <summary>Bytes per row allocated by the server's ingest code alone, measured in the benchmark process.</summary>
    public required double IngestCodeBytesPerRow { get; init; }

    /// <summary>The round whose ratio is the median (the lower middle one of an even number): the one shown in detail.</summary>
    public IngestRound MedianRound => Rounds.OrderBy(round => round.Ratio).ElementAt((Rounds.Count - 1) / 2);

    public double MedianIngestRate => Measurements.Median([.. Rounds.Select(round => round.IngestRate)]);

    public double MedianCopyRate => Measurements.Median([.. Rounds.Select(round => round.CopyRate)]);
}
