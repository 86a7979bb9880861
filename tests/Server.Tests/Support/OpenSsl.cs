using Proxus.TestSupport;

namespace Proxus.Server.Tests.Support;

/// <summary>The openssl command line as an independent checker of our certificates and CRLs.</summary>
public static class OpenSsl
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = await ExternalProcess.RunAsync("openssl", arguments, TimeSpan.FromSeconds(30));
        return (process.ExitCode, process.StandardOutput + process.StandardError);
    }
}
