namespace Proxus.Bench.OpcUa;

/// <summary>
/// The CPU budget of the budgeted rows. <c>bench/opcua/run</c> starts the process inside a cgroup and names,
/// in the environment, the group's quota file with the budgeted and the unlimited value; each measurement
/// applies the budget after its warm-up, for its settling and measured periods, and lifts it afterwards
/// (node-client.js does the same at the same points). Without the environment, a no-op.
/// </summary>
internal static class CpuBudget
{
    private static readonly string? QuotaFile = Environment.GetEnvironmentVariable("PROXUS_BENCH_BUDGET_FILE");
    private static readonly string? Budgeted = Environment.GetEnvironmentVariable("PROXUS_BENCH_BUDGET_ON");
    private static readonly string? Unlimited = Environment.GetEnvironmentVariable("PROXUS_BENCH_BUDGET_OFF");

    public static void Apply() => Write(Budgeted);

    public static void Lift() => Write(Unlimited);

    private static void Write(string? value)
    {
        if (!string.IsNullOrEmpty(QuotaFile) && !string.IsNullOrEmpty(value))
        {
            File.WriteAllText(QuotaFile, value);
        }
    }
}
