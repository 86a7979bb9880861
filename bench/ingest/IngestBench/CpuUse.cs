using System.Diagnostics;

namespace Proxus.Bench.Ingest;

/// <summary>CPU seconds used by each process of the run: the server, the load generator (this process) and PostgreSQL.</summary>
public readonly record struct CpuUse(double Server, double LoadGenerator, double Postgres)
{
    public static CpuUse Measure(int serverProcessId, int postgresProcessId)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuUse(CpuTime.Of(serverProcessId), self.TotalProcessorTime.TotalSeconds, CpuTime.Of(postgresProcessId));
    }

    public static CpuUse operator -(CpuUse after, CpuUse before)
        => new(after.Server - before.Server, after.LoadGenerator - before.LoadGenerator, after.Postgres - before.Postgres);
}
