using Proxus.TestSupport;

namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>
/// Runs the .NET build stage of every Dockerfile without a Docker engine: a temporary directory
/// stands for the stage's file system, WORKDIR and COPY instructions fill it from the repository as
/// the build context (without what .dockerignore leaves out), and every RUN line (dotnet restore,
/// dotnet publish) runs exactly as written in its WORKDIR. The runtime stage's
/// <c>COPY --from=build</c> source must then hold the ENTRYPOINT's assembly. The npm stage of the
/// server's portal assets is stood in for by the tree's own <c>src/Web/node_modules</c> (installed
/// by the Web build from the same package-lock.json). One class per image, so that the images
/// build side by side and each stays well inside the test run's hang timeout.
/// </summary>
public abstract class DockerBuildTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(12);
    private static readonly HashSet<string> IgnoredDirectories = ["bin", "obj", "node_modules"];

    private readonly string _root = Directory.CreateTempSubdirectory("proxus-docker-build-").FullName;

    /// <summary>The image's name: <c>docker/NAME.Dockerfile</c>.</summary>
    protected abstract string Program { get; }

    [Fact]
    public async Task BuildStage_RunAsWritten_PublishesTheEntryPoint()
    {
        var file = DockerfileTests.Load(Program);
        var build = file.Stages.Single(s => s.Name == "build");
        var workdir = _root;
        foreach (var instruction in build.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = MapPath(instruction.Arguments);
                    Directory.CreateDirectory(workdir);
                    break;
                case "COPY":
                    Copy(instruction.Arguments, workdir);
                    break;
                case "RUN":
                    await RunAsync(instruction.Arguments, workdir);
                    break;
                default:
                    throw new InvalidOperationException($"{file.Path}: the build stage has a {instruction.Keyword} the test does not stand in for.");
            }
        }

        var published = file.Final.Arguments("COPY").Single(a => a.StartsWith("--from=build ", StringComparison.Ordinal)).Split(' ')[1];
        var entryPoint = file.Final.Arguments("ENTRYPOINT").Single().Split('"')[3];
        File.Exists(Path.Combine(MapPath(published), Path.GetFileName(entryPoint))).Should().BeTrue($"{Program}: {published} holds {entryPoint}");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string MapPath(string containerPath)
    {
        containerPath.Should().StartWith("/", "WORKDIR and COPY --from sources are absolute");
        return Path.Combine(_root, containerPath.TrimStart('/'));
    }

    private void Copy(string arguments, string workdir)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words[0].StartsWith("--from=", StringComparison.Ordinal))
        {
            words[0].Should().Be("--from=portal-assets");
            words[1].Should().EndWith("/src/Web/node_modules");
            CopyDirectory(Path.Combine(RepositoryPaths.Root, "src", "Web", "node_modules"), Path.Combine(workdir, words[2]), ignore: false);
            return;
        }

        var destination = Path.Combine(workdir, words[^1]);
        foreach (var source in words[..^1])
        {
            var from = Path.Combine(RepositoryPaths.Root, source);
            if (Directory.Exists(from))
            {
                CopyDirectory(from, destination, ignore: true);
            }
            else
            {
                Directory.CreateDirectory(destination);
                File.Copy(from, Path.Combine(destination, Path.GetFileName(source)), overwrite: true);
            }
        }
    }

    private static void CopyDirectory(string from, string to, bool ignore)
    {
        Directory.Exists(from).Should().BeTrue($"{from} is in the build context");
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (ignore && (IgnoredDirectories.Contains(name) || directory.EndsWith(Path.Combine("wwwroot", "lib"), StringComparison.Ordinal)))
            {
                continue;
            }

            CopyDirectory(directory, Path.Combine(to, name), ignore);
        }
    }

    private static async Task RunAsync(string command, string workdir)
    {
        command.Should().StartWith("dotnet ", "the build stages run only the .NET CLI");
        await using var process = ExternalProcess.Start(
            "bash",
            ["-c", command],
            workdir,
            new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        await process.WaitForExitAsync(RunTimeout);
        process.ExitCode.Should().Be(0, $"'{command}' in {workdir}: {process.StandardOutput} {process.StandardError}");
    }
}
