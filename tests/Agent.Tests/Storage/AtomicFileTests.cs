using Proxus.Agent.Acquisition;
using Proxus.Agent.Storage;

namespace Proxus.Agent.Tests.Storage;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-atomic-").FullName;

    [Fact]
    public void Write_NewFile_HasTheContentAndTheModeAndNoTemporaryFileRemains()
    {
        var path = Path.Combine(_directory, "key.pem");

        AtomicFile.Write(path, "secret"u8, AtomicFile.OwnerOnly);

        File.ReadAllText(path).Should().Be("secret");
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(_directory).Should().ContainSingle();
    }

    [Fact]
    public void Write_ExistingFile_ReplacesItWhole()
    {
        var path = Path.Combine(_directory, "config");
        AtomicFile.Write(path, new byte[10_000], AtomicFile.OwnerOnly);

        AtomicFile.Write(path, "new"u8, AtomicFile.OwnerOnly);

        File.ReadAllText(path).Should().Be("new");
    }

    [Fact]
    public void SequenceAllocator_AfterARestart_NeverRepeatsANumber()
    {
        var path = Path.Combine(_directory, "sequence");
        var first = new SequenceAllocator(path);
        var used = Enumerable.Range(0, 10).Select(_ => first.Next()).ToList();

        var second = new SequenceAllocator(path);
        var next = second.Next();

        used.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        next.Should().BeGreaterThan(used.Max());
        used[0].Should().Be(1);
    }

    [Fact]
    public void SequenceAllocator_DamagedFile_ContinuesAboveAnyEarlierRun()
    {
        var path = Path.Combine(_directory, "sequence");
        var earlier = new SequenceAllocator(path);
        var last = Enumerable.Range(0, 5).Select(_ => earlier.Next()).Last();
        File.WriteAllText(path, "not a number");

        new SequenceAllocator(path).Next().Should().BeGreaterThan(last + SequenceAllocator.BlockSize);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
