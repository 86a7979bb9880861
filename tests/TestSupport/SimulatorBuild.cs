namespace Proxus.TestSupport;

/// <summary>
/// The simulators' own build output. Tests start the simulator from there rather than from their own
/// output folder, whose runtime configuration may differ (a test project that references the ASP.NET
/// Core shared framework drops the packages that framework provides, which the simulator still needs).
/// </summary>
public static class SimulatorBuild
{
    private static readonly Lazy<string> LazyDllPath = new(Find);

    /// <summary><c>src/Simulators/bin/&lt;configuration&gt;/&lt;framework&gt;/Proxus.Simulators.dll</c>, matching this test's build.</summary>
    public static string DllPath => LazyDllPath.Value;

    private static string Find()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = output.Name;
        var configuration = output.Parent?.Name ?? throw new InvalidOperationException("Unexpected test output folder " + output.FullName);
        var path = Path.Combine(RepositoryPaths.Root, "src", "Simulators", "bin", configuration, framework, "Proxus.Simulators.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The simulator is not built for {configuration}/{framework}; build the solution first.", path);
    }
}
