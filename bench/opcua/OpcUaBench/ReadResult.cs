namespace Proxus.Bench.OpcUa;

/// <summary>
/// Read requests in flight, reads per second, client CPU milliseconds per Read, client CPU time as a
/// percentage of one core, and JIT milliseconds, over the measured period; and the server's side of it: its
/// main thread's CPU milliseconds per Read and the share of the period it sat idle (see <see cref="ServerClock"/>).
/// </summary>
internal sealed record ReadResult(int Depth, double ReadsPerSecond, double CpuMsPerRead, double CpuPercent, double JitMs, double ServerCpuMsPerRead, double ServerIdlePercent);
