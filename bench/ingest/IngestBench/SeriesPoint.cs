namespace Proxus.Bench.Ingest;

/// <summary>One sample of a measured run: since the clock started, the values committed, the CPU used per process and the server's collector figures.</summary>
public readonly record struct SeriesPoint(double Seconds, long Rows, CpuUse Cpu, ServerGcStats Gc);
