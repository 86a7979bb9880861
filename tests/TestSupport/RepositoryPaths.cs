namespace Proxus.TestSupport;

/// <summary>Locates the repository and the third-party peers installed by <c>./proxus test</c>.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory that holds <c>Proxus.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The npm peers (<c>tests/peers/node_modules</c>).</summary>
    public static string NodeModules => Path.Combine(Root, "tests", "peers", "node_modules");

    /// <summary>
    /// Debian's Python, which sees the apt-installed paho and pymodbus; a pyenv python3 may come
    /// first on PATH and cannot.
    /// </summary>
    public const string SystemPython = "/usr/bin/python3";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Proxus.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Proxus.sln was not found above " + AppContext.BaseDirectory);
    }
}
