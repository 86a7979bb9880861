using Proxus.TestSupport;

namespace Proxus.Interop.Tests.S7.Support;

/// <summary>Runs the Node.js peer scripts under tests/Interop/S7/Peers with NODE_PATH set to the npm peers.</summary>
internal static class NodePeer
{
    public static string Script(string name) => Path.Combine(RepositoryPaths.Root, "tests", "Interop", "S7", "Peers", name);

    public static ExternalProcess Start(string script, params string[] arguments) =>
        ExternalProcess.Start(
            "node",
            [Script(script), .. arguments],
            environment: new Dictionary<string, string> { ["NODE_PATH"] = RepositoryPaths.NodeModules });

    /// <summary>Runs a script to completion and returns its standard output; throws with its output if it fails.</summary>
    public static async Task<string> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        await using var process = Start(script, arguments);
        await process.WaitForExitAsync(timeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}. stdout: {process.StandardOutput} stderr: {process.StandardError}");
        }

        return process.StandardOutput;
    }
}
