using System.Globalization;

namespace Proxus.Bench.AgentBuffer;

/// <summary>
/// Rows of records/s and MB/s, with ratios to the 50,000 records/s target and, for the appending
/// scenarios, to the plain-append baseline (the first row).
/// </summary>
internal sealed class ResultTable(int records, int recordBytes)
{
    private const double Target = 50_000;
    private readonly List<(string Scenario, int Records, TimeSpan Elapsed, bool Appends)> _rows = [];

    public void Add(string scenario, int count, TimeSpan elapsed, bool appends = true)
    {
        _rows.Add((scenario, count, elapsed, appends));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}: {count} records in {elapsed.TotalSeconds:F3} s"));
    }

    public void Print(TextWriter output)
    {
        var baseline = Rate(_rows[0]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Agent store-and-forward queue: {records:N0} records of {recordBytes} bytes, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        output.WriteLine();
        output.WriteLine("| scenario | records | seconds | records/s | MB/s (payload) | ratio to 50,000/s target | ratio to plain append |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in _rows)
        {
            var rate = Rate(row);
            var toBaseline = row.Appends ? (rate / baseline).ToString("F2", CultureInfo.InvariantCulture) : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Records:N0} | {row.Elapsed.TotalSeconds:F3} | {rate:N0} | {rate * recordBytes / 1e6:F2} | {rate / Target:F2} | {toBaseline} |"));
        }
    }

    private static double Rate((string Scenario, int Records, TimeSpan Elapsed, bool Appends) row) => row.Records / row.Elapsed.TotalSeconds;
}
