namespace Proxus.Bench.OpcUa;

/// <summary>
/// Monitored items, notifications delivered to the application per second, client CPU milliseconds per
/// 1,000 of them, client CPU time as a percentage of one core, and JIT milliseconds, over the measured period.
/// </summary>
internal sealed record SubscribeResult(int Items, double NotificationsPerSecond, double CpuMsPer1000Notifications, double CpuPercent, double JitMs);
