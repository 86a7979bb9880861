using System.Globalization;

namespace Proxus.Bench.OpcUa;

/// <summary>
/// What the peer servers' main threads did over a measured period, from Linux's scheduler statistics
/// (<c>/proc/PID/schedstat</c>: time on a CPU, time runnable but waiting for one): node-opcua's server does its
/// work on its main thread, so its CPU time there per unit of work says how hard a client's requests made the
/// server work, and the time it was neither running nor runnable (asleep, waiting for a request) says whether
/// the client kept it busy. node-client.js reads the same file at the same points.
/// </summary>
internal sealed class ServerClock
{
    private readonly string[] _files;
    private readonly (double RunMs, double WaitMs)[] _start;
    private long _startTicks;

    public ServerClock(IReadOnlyList<int> pids)
    {
        _files = [.. pids.Select(pid => $"/proc/{pid}/schedstat")];
        _start = new (double, double)[_files.Length];
    }

    public void Start()
    {
        for (var i = 0; i < _files.Length; i++)
        {
            _start[i] = Read(_files[i]);
        }

        _startTicks = Environment.TickCount64;
    }

    /// <summary>The servers' main-thread CPU milliseconds since <see cref="Start"/>, and their mean idle share in per cent.</summary>
    public (double CpuMs, double IdlePercent) Stop()
    {
        var wallMs = (double)(Environment.TickCount64 - _startTicks);
        double cpuMs = 0, idle = 0;
        for (var i = 0; i < _files.Length; i++)
        {
            var (run, wait) = Read(_files[i]);
            var serverRun = run - _start[i].RunMs;
            var serverWait = wait - _start[i].WaitMs;
            cpuMs += serverRun;
            idle += Math.Max(0, wallMs - serverRun - serverWait) / wallMs;
        }

        return (cpuMs, _files.Length == 0 ? double.NaN : idle * 100 / _files.Length);
    }

    private static (double RunMs, double WaitMs) Read(string file)
    {
        var fields = File.ReadAllText(file).Split(' ');
        return (double.Parse(fields[0], CultureInfo.InvariantCulture) / 1e6, double.Parse(fields[1], CultureInfo.InvariantCulture) / 1e6);
    }
}
