using System.Diagnostics;
using System.Runtime;
using Proxus.Drivers.OpcUa;

namespace Proxus.Bench.OpcUa;

/// <summary>
/// The measurements of the OPC UA benchmark. Each one runs its workload for the warm-up period first
/// (connection set-up, JIT and tiered recompilation are not measured), applies the CPU budget when there is
/// one and lets the workload settle under it, then counts units of work and the process's CPU time
/// (user + system, all threads) over the measured period.
/// </summary>
internal static class Measurements
{
    /// <summary>
    /// Warm-up lasts at least the given period and then until the JIT has compiled nothing for a second,
    /// at most three times the period; the JIT time that still falls in the measured period is reported.
    /// The project turns tiered compilation off, so every method is compiled once, on its first call,
    /// inside the warm-up; the quiet second is a guard that it was.
    /// </summary>
    private static readonly TimeSpan JitQuietPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Reads of <paramref name="count"/> nodes in one request each, back to back from <paramref name="depth"/>
    /// workers on one session, so that <paramref name="depth"/> Read requests are in flight at any time.
    /// </summary>
    public static async Task<ReadResult> ReadAsync(string endpoint, string pki, int count, int depth, Phases phases, ServerClock server)
    {
        var nodes = DynamicNodes(count);
        await using var client = await OpcUaClient.ConnectAsync(Options(endpoint, pki));
        var warm = Stopwatch.StartNew();
        var quietSince = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        while (warm.Elapsed < phases.Warmup || (quietSince.Elapsed < JitQuietPeriod && warm.Elapsed < phases.Warmup * 3))
        {
            await ReadConcurrentlyAsync(client, nodes, depth, TimeSpan.FromMilliseconds(500));
            if (JitInfo.GetCompiledMethodCount() != compiled)
            {
                compiled = JitInfo.GetCompiledMethodCount();
                quietSince.Restart();
            }
        }

        CpuBudget.Apply();
        try
        {
            await ReadConcurrentlyAsync(client, nodes, depth, phases.Settle);
            var jit = JitInfo.GetCompilationTime();
            var cpu = CpuTime();
            server.Start();
            var watch = Stopwatch.StartNew();
            var reads = await ReadConcurrentlyAsync(client, nodes, depth, phases.Measured);
            var seconds = watch.Elapsed.TotalSeconds;
            var (serverCpuMs, serverIdle) = server.Stop();
            var cpuMs = (CpuTime() - cpu).TotalMilliseconds;
            return new ReadResult(depth, reads / seconds, cpuMs / reads, CpuPercent(cpuMs, seconds), (JitInfo.GetCompilationTime() - jit).TotalMilliseconds, serverCpuMs / reads, serverIdle);
        }
        finally
        {
            CpuBudget.Lift();
        }
    }

    /// <summary>
    /// One client (session) per endpoint, each with one subscription of <paramref name="itemsPerServer"/>
    /// monitored items (sampling interval 0, publishing every 100 ms) drained by the application, which
    /// reads every value.
    /// </summary>
    public static async Task<SubscribeResult> SubscribeAsync(IReadOnlyList<string> endpoints, int itemsPerServer, string pki, Phases phases, ServerClock server)
    {
        var nodes = DynamicNodes(itemsPerServer);
        var items = Array.ConvertAll(nodes, node => new MonitoredItemOptions(node) { SamplingInterval = TimeSpan.Zero, QueueSize = 10 });
        var clients = new List<OpcUaClient>();
        var counters = new ChangeCounter[endpoints.Count];
        using var stop = new CancellationTokenSource();
        var drains = new List<Task>();
        try
        {
            for (var i = 0; i < endpoints.Count; i++)
            {
                var client = await OpcUaClient.ConnectAsync(Options(endpoints[i], pki));
                clients.Add(client);
                var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
                await subscription.AddItemsAsync(items);
                counters[i] = new ChangeCounter();
                drains.Add(counters[i].DrainAsync(subscription, stop.Token));
            }

            await WarmUpAsync(phases.Warmup);
            CpuBudget.Apply();
            await Task.Delay(phases.Settle);
            var before = Sum(counters);
            var jit = JitInfo.GetCompilationTime();
            var cpu = CpuTime();
            server.Start();
            var watch = Stopwatch.StartNew();
            await Task.Delay(phases.Measured);
            var count = Sum(counters) - before;
            var seconds = watch.Elapsed.TotalSeconds;
            var (serverCpuMs, serverIdle) = server.Stop();
            var cpuMs = (CpuTime() - cpu).TotalMilliseconds;
            return new SubscribeResult(endpoints.Count * itemsPerServer, count / seconds, cpuMs / (count / 1000.0), CpuPercent(cpuMs, seconds), (JitInfo.GetCompilationTime() - jit).TotalMilliseconds, serverCpuMs / (count / 1000.0), serverIdle);
        }
        finally
        {
            CpuBudget.Lift();
            await stop.CancelAsync();
            await Task.WhenAll(drains);
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task WarmUpAsync(TimeSpan warmup)
    {
        var warm = Stopwatch.StartNew();
        await Task.Delay(warmup);
        var compiled = JitInfo.GetCompiledMethodCount();
        while (warm.Elapsed < warmup * 3)
        {
            await Task.Delay(JitQuietPeriod);
            if (JitInfo.GetCompiledMethodCount() == compiled)
            {
                return;
            }

            compiled = JitInfo.GetCompiledMethodCount();
        }
    }

    /// <summary>Runs <paramref name="depth"/> workers that read back to back until the period is over; returns the reads completed.</summary>
    private static async Task<long> ReadConcurrentlyAsync(OpcUaClient client, NodeId[] nodes, int depth, TimeSpan period)
    {
        var watch = Stopwatch.StartNew();
        long reads = 0;
        var workers = new Task[depth];
        for (var i = 0; i < depth; i++)
        {
            workers[i] = Worker();
        }

        await Task.WhenAll(workers);
        return reads;

        async Task Worker()
        {
            while (watch.Elapsed < period)
            {
                var values = await client.ReadAsync(nodes);
                if (values.Count != nodes.Length || !values[0].Status.IsGood)
                {
                    throw new InvalidOperationException("A Read of the benchmark nodes failed.");
                }

                Interlocked.Increment(ref reads);
            }
        }
    }

    /// <summary>
    /// The benchmark's client options: a generous request timeout, because under a CPU budget of a few per
    /// cent of a core the process start-up and the connection take seconds of wall-clock time.
    /// </summary>
    private static OpcUaClientOptions Options(string endpoint, string pki)
        => new() { EndpointUrl = endpoint, PkiDirectory = pki, RequestTimeout = TimeSpan.FromSeconds(60) };

    /// <summary>CPU time as a percentage of one core over the period.</summary>
    private static double CpuPercent(double cpuMs, double seconds) => cpuMs / (seconds * 10);

    private static NodeId[] DynamicNodes(int count)
    {
        var nodes = new NodeId[count];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = new NodeId($"Dynamic.{i}", 1);
        }

        return nodes;
    }

    private static long Sum(ChangeCounter[] counters)
    {
        long total = 0;
        foreach (var counter in counters)
        {
            total += counter.Count;
        }

        return total;
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
