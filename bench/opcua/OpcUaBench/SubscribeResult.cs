namespace Proxus.Bench.OpcUa;

/// <summary>
/// Monitored items, notifications delivered to the application per second, client CPU milliseconds per
/// 1,000 of them, client CPU time as a percentage of one core, and JIT milliseconds, over the measured period;
/// and the servers' side of it: their main threads' CPU milliseconds per 1,000 notifications and the mean
/// share of the period they sat idle (see <see cref="ServerClock"/>).
/// </summary>
internal sealed record SubscribeResult(int Items, double NotificationsPerSecond, double CpuMsPer1000Notifications, double CpuPercent, double JitMs, double ServerCpuMsPer1000Notifications, double ServerIdlePercent);
