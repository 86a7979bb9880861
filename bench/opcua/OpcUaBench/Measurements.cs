using System.Diagnostics;
using System.Runtime;
using Proxus.Drivers.OpcUa;

namespace Proxus.Bench.OpcUa;

/// <summary>
/// The measurements of the OPC UA benchmark. Each one runs its workload for the warm-up period first
/// (connection set-up, JIT and tiered recompilation are not measured), then counts units of work and
/// the process's CPU time (user + system, all threads) over the measured period.
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

    /// <summary>Read of <paramref name="count"/> nodes in one request, back to back.</summary>
    public static async Task<ReadResult> ReadAsync(string endpoint, string pki, int count, TimeSpan warmup, TimeSpan duration)
    {
        var nodes = DynamicNodes(count);
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { EndpointUrl = endpoint, PkiDirectory = pki });
        var warm = Stopwatch.StartNew();
        var quietSince = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        while (warm.Elapsed < warmup || (quietSince.Elapsed < JitQuietPeriod && warm.Elapsed < warmup * 3))
        {
            await ReadCheckedAsync(client, nodes);
            if (JitInfo.GetCompiledMethodCount() != compiled)
            {
                compiled = JitInfo.GetCompiledMethodCount();
                quietSince.Restart();
            }
        }

        var reads = 0;
        var jit = JitInfo.GetCompilationTime();
        var cpu = CpuTime();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await ReadCheckedAsync(client, nodes);
            reads++;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var cpuMs = (CpuTime() - cpu).TotalMilliseconds;
        return new ReadResult(reads / seconds, cpuMs / reads, (JitInfo.GetCompilationTime() - jit).TotalMilliseconds);
    }

    /// <summary>
    /// One client (session) per endpoint, each with one subscription of <paramref name="itemsPerServer"/>
    /// monitored items (sampling interval 0, publishing every 100 ms) drained by the application, which
    /// reads every value.
    /// </summary>
    public static async Task<SubscribeResult> SubscribeAsync(IReadOnlyList<string> endpoints, int itemsPerServer, string pki, TimeSpan warmup, TimeSpan duration)
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
                var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { EndpointUrl = endpoints[i], PkiDirectory = pki });
                clients.Add(client);
                var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
                await subscription.AddItemsAsync(items);
                counters[i] = new ChangeCounter();
                drains.Add(counters[i].DrainAsync(subscription, stop.Token));
            }

            await WarmUpAsync(warmup);
            var before = Sum(counters);
            var jit = JitInfo.GetCompilationTime();
            var cpu = CpuTime();
            var watch = Stopwatch.StartNew();
            await Task.Delay(duration);
            var count = Sum(counters) - before;
            var seconds = watch.Elapsed.TotalSeconds;
            var cpuMs = (CpuTime() - cpu).TotalMilliseconds;
            return new SubscribeResult(endpoints.Count * itemsPerServer, count / seconds, cpuMs / (count / 1000.0), (JitInfo.GetCompilationTime() - jit).TotalMilliseconds);
        }
        finally
        {
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

    private static async Task ReadCheckedAsync(OpcUaClient client, NodeId[] nodes)
    {
        var values = await client.ReadAsync(nodes);
        if (values.Count != nodes.Length || !values[0].Status.IsGood)
        {
            throw new InvalidOperationException("A Read of the benchmark nodes failed.");
        }
    }

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
