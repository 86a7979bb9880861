using Proxus.Agent.Storage;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Support;

/// <summary>Starts <c>proxus-agent</c> from its own build output as a separate process (stopped by pid).</summary>
public static class AgentProcess
{
    private static readonly Lazy<string> LazyDllPath = new(() =>
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var path = Path.Combine(RepositoryPaths.Root, "src", "Agent", "bin", output.Parent!.Name, output.Name, "proxus-agent.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The agent is not built; build the solution first.", path);
    });

    public static string DllPath => LazyDllPath.Value;

    public static ExternalProcess Run(AgentPaths paths, params string[] extra)
        => ExternalProcess.Start("dotnet", [DllPath, "run", "--data-dir", paths.Root, "--status-interval", "1", .. extra]);

    public static Task<ExternalProcess> CommandAsync(params string[] arguments)
        => ExternalProcess.RunAsync("dotnet", [DllPath, .. arguments], TimeSpan.FromSeconds(60));
}
