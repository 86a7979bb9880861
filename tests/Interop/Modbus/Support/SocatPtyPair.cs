using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Modbus.Support;

/// <summary>Two linked pseudo-terminals made by socat: a virtual null-modem cable for RTU tests.</summary>
internal sealed class SocatPtyPair : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private SocatPtyPair(ExternalProcess process, string first, string second)
    {
        _process = process;
        First = first;
        Second = second;
    }

    public string First { get; }

    public string Second { get; }

    public static async Task<SocatPtyPair> StartAsync()
    {
        var stem = Path.Combine(Path.GetTempPath(), $"proxus-modbus-{Guid.NewGuid():N}");
        string first = stem + "-a", second = stem + "-b";
        var process = ExternalProcess.Start("socat", ["-d", "-d", $"pty,raw,echo=0,link={first}", $"pty,raw,echo=0,link={second}"]);
        try
        {
            await process.WaitForOutputAsync("starting data transfer loop", TimeSpan.FromSeconds(15));
            File.Exists(first).Should().BeTrue();
            File.Exists(second).Should().BeTrue();
            return new SocatPtyPair(process, first, second);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();

        // socat is killed, so it cannot remove its links itself.
        File.Delete(First);
        File.Delete(Second);
    }
}
