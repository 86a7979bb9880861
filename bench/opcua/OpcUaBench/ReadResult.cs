namespace Proxus.Bench.OpcUa;

/// <summary>
/// Read requests in flight, reads per second, client CPU milliseconds per Read, client CPU time as a
/// percentage of one core, and JIT milliseconds, over the measured period.
/// </summary>
internal sealed record ReadResult(int Depth, double ReadsPerSecond, double CpuMsPerRead, double CpuPercent, double JitMs);
