using System.Net;
using System.Net.Sockets;
using Proxus.Demo;

namespace Proxus.EndToEnd.Tests.Demo;

public sealed class DemoStateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-demo-state-").FullName;

    [Fact]
    public void Load_NoFile_EmptyState()
    {
        var state = new DemoStateStore(_directory).Load();

        state.Ports.Should().BeNull();
        state.Passwords.Should().BeEmpty();
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsOwnerOnly()
    {
        var store = new DemoStateStore(_directory);
        var state = new DemoState { Ports = DemoPorts.Preferred, CaFingerprint = "AB:CD" };
        state.Passwords["admin"] = "secret-password";

        store.Save(state);
        var loaded = store.Load();

        loaded.Ports.Should().Be(DemoPorts.Preferred);
        loaded.CaFingerprint.Should().Be("AB:CD");
        loaded.Passwords.Should().ContainKey("admin").WhoseValue.Should().Be("secret-password");
        File.GetUnixFileMode(store.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(_directory).Should().ContainSingle();
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    public void Load_CorruptFile_DemoExceptionNamingTheFile(string content)
    {
        var store = new DemoStateStore(_directory);
        File.WriteAllText(store.Path, content);

        var load = () => store.Load();

        load.Should().Throw<DemoException>().WithMessage($"*{store.Path}*");
    }

    [Fact]
    public void Choose_PreferredPortTaken_PicksAFreeOneAndSaysSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
        var free = LoopbackPortsNotIn(taken);
        var output = new StringWriter();

        var ports = PortChooser.Choose(new DemoPorts(taken, free[0], free[1], free[2], free[3], free[4]), output);

        ports.Https.Should().NotBe(taken);
        PortChooser.IsFree(ports.Https).Should().BeTrue();
        ports.Named().Select(p => p.Port).Should().OnlyHaveUniqueItems();
        output.ToString().Should().Contain($"Port {taken} (HTTPS (portal, REST API)) is in use");
    }

    [Fact]
    public void IsFree_ListeningPort_False()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        PortChooser.IsFree(((IPEndPoint)listener.LocalEndpoint).Port).Should().BeFalse();
    }

    [Fact]
    public void TryParse_RootAndDataDirectory_PathsUnderThem()
    {
        DemoArguments.TryParse(["--root", "/srv/proxus", "--data-dir", "/var/tmp/d"], prebuilt: null, out var paths, out _).Should().BeTrue();

        paths!.BuildRoot.Should().Be("/srv/proxus");
        paths.DataDirectory.Should().Be("/var/tmp/d");
        paths.ServerDll.Should().Be("/srv/proxus/src/Server/bin/Release/net10.0/Proxus.Server.dll");
    }

    [Fact]
    public void TryParse_Prebuilt_ProgramsFromThatTreeDataInTheRoot()
    {
        DemoArguments.TryParse(["--root", "/tmp/clone"], prebuilt: "/work/tree", out var paths, out _).Should().BeTrue();

        paths!.AgentDll.Should().Be("/work/tree/src/Agent/bin/Release/net10.0/proxus-agent.dll");
        paths.DataDirectory.Should().Be("/tmp/clone/.proxus/demo");
    }

    public static TheoryData<string[]> BadArguments => [[], ["--root"], ["--root", "/x", "--port", "1"], ["--data-dir", "/x"]];

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void TryParse_BadArguments_UsageError(string[] args)
    {
        DemoArguments.TryParse(args, prebuilt: null, out var paths, out var error).Should().BeFalse();

        paths.Should().BeNull();
        error.Should().Contain(DemoArguments.Usage);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int[] LoopbackPortsNotIn(int taken)
    {
        var ports = new List<int>();
        while (ports.Count < 5)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port != taken && !ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }
}
