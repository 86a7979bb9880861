using Proxus.Agent.Commands;
using Proxus.Core.Commands;

namespace Proxus.Agent.Tests.Commands;

public sealed class NonceStoreTests : IDisposable
{
    private const string Nonce = "00112233445566778899aabbccddeeff";
    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-nonces-").FullName;
    private readonly Clock _clock = new() { Now = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero) };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TryClaim_SecondTimeAndAfterARestart_IsRefused()
    {
        var store = new NonceStore(_directory, _clock);

        store.TryClaim(Nonce, _clock.Now.AddMinutes(1)).Should().BeTrue();
        store.TryClaim(Nonce, _clock.Now.AddMinutes(1)).Should().BeFalse();
        var restarted = new NonceStore(_directory, _clock);
        restarted.TryClaim(Nonce, _clock.Now.AddMinutes(1)).Should().BeFalse();
        restarted.TryGet(Nonce, out var result).Should().BeTrue();
        result.Should().BeNull("a claim without a result is an interrupted write");
    }

    [Fact]
    public void Complete_RecordsTheResultForLaterDuplicates()
    {
        var store = new NonceStore(_directory, _clock);
        var written = new WriteResult(Guid.NewGuid(), "edge-01", Nonce, WriteOutcome.Succeeded, CommandRefusal.None, "5", null, false, _clock.Now, _clock.Now);

        store.TryClaim(Nonce, _clock.Now.AddMinutes(1));
        store.Complete(Nonce, _clock.Now.AddMinutes(1), written);

        new NonceStore(_directory, _clock).TryGet(Nonce, out var result).Should().BeTrue();
        result.Should().Be(written);
    }

    [Fact]
    public void Prune_DeletesOnlyExpiredNonces()
    {
        var store = new NonceStore(_directory, _clock);
        store.TryClaim(Nonce, _clock.Now.AddMinutes(1));
        store.TryClaim("ffeeddccbbaa99887766554433221100", _clock.Now.AddHours(1));

        _clock.Now = _clock.Now.AddMinutes(2);

        store.Prune().Should().Be(1);
        store.TryGet(Nonce, out _).Should().BeFalse();
        store.TryGet("ffeeddccbbaa99887766554433221100", out _).Should().BeTrue();
    }

    [Fact]
    public void TryGet_CorruptOrOversizedFile_IsTakenButHasNoResult()
    {
        var store = new NonceStore(_directory, _clock);
        File.WriteAllBytes(Path.Combine(_directory, Nonce + ".9999999999"), new byte[WriteResultJson.MaxBytes + 1]);

        store.TryGet(Nonce, out var result).Should().BeTrue();
        result.Should().BeNull();
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
