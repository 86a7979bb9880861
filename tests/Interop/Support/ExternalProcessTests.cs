using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Support;

public sealed class ExternalProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WaitForOutputAsync_ProcessPrintsItsLastLineAndExits_SeesTheLine()
    {
        // More output than a pipe holds, then the awaited line and an immediate exit: the process is
        // gone while the asynchronous readers are still delivering its lines.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var process = ExternalProcess.Start("sh", ["-c", "seq 1 50000; echo the-last-line"]);

            await process.Invoking(p => p.WaitForOutputAsync("the-last-line", Timeout)).Should().NotThrowAsync();
        }
    }

    [Fact]
    public async Task WaitForOutputAsync_ProcessExitsWithoutTheLine_Throws()
    {
        await using var process = ExternalProcess.Start("sh", ["-c", "echo something-else"]);

        await process.Invoking(p => p.WaitForOutputAsync("the-last-line", Timeout)).Should().ThrowAsync<InvalidOperationException>();
    }
}
