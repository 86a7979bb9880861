namespace Proxus.Bench.OpcUa;

/// <summary>Reads per second, client CPU milliseconds per Read, and JIT milliseconds, over the measured period.</summary>
internal sealed record ReadResult(double ReadsPerSecond, double CpuMsPerRead, double JitMs);
