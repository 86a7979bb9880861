using System.Text.Json;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Runtime;

/// <summary>
/// The garbage collector's settings the agent is built with (the build output's runtimeconfig; the
/// Native AOT publish compiles the same options into the executable). They bound the resident set
/// of bench/agent: a 4 MB gen0 budget, and background GC for its 6 MB cap on the gen1 budget,
/// without which gen1 grew to 39 MB and set the resident high-water mark.
/// </summary>
public sealed class AgentRuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_GarbageCollector_WorkstationWithBoundedYoungGenerations()
    {
        var path = Path.ChangeExtension(AgentProcess.DllPath, ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.GetProperty("System.GC.Server").GetBoolean().Should().BeFalse();
        properties.GetProperty("System.GC.Concurrent").GetBoolean().Should().BeTrue("the workstation GC caps the gen1 budget at 6 MB only with background GC");
        properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64().Should().Be(4 * 1024 * 1024);
    }
}
