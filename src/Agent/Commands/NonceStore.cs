using System.Globalization;
using Proxus.Core.Commands;

namespace Proxus.Agent.Commands;

/// <summary>
/// The nonces of the commands this agent has taken, on disk, kept until their command has expired
/// (with the clock-skew allowance) so that no command ever executes twice, across restarts too.
/// One file per nonce, <c>{nonce}.{expiresAtUnixSeconds}</c>: created exclusively before the
/// device is touched (a claim), then replaced atomically by the result. A claim without a result
/// means the agent stopped during the write; the value may or may not be set, and it is never
/// written again.
/// </summary>
internal sealed class NonceStore
{
    private readonly string _directory;
    private readonly TimeProvider _time;

    public NonceStore(string directory, TimeProvider time)
    {
        _directory = directory;
        _time = time;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Whether the nonce was taken before, and its recorded result (null for a claim that never completed).</summary>
    public bool TryGet(string nonce, out WriteResult? result)
    {
        result = null;
        var path = Find(nonce);
        if (path is null)
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length is > 0 and <= WriteResultJson.MaxBytes)
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            result = WriteResultJson.TryParse(bytes, out var parsed, out _) ? parsed : null;
        }

        return true;
    }

    /// <summary>Claims the nonce before its command runs; false when it was claimed already.</summary>
    public bool TryClaim(string nonce, DateTimeOffset keepUntil)
    {
        if (Find(nonce) is not null)
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(PathOf(nonce, keepUntil), FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (Find(nonce) is not null)
        {
            return false;
        }
    }

    /// <summary>Records the result of a claimed or refused nonce (temporary file, flush, rename).</summary>
    public void Complete(string nonce, DateTimeOffset keepUntil, WriteResult result)
    {
        var path = Find(nonce) ?? PathOf(nonce, keepUntil);
        var temporary = Path.Combine(_directory, nonce + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(WriteResultJson.Serialize(result));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Deletes the nonces whose commands can no longer be accepted.</summary>
    /// <returns>How many were deleted.</returns>
    public int Prune()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            var extension = Path.GetExtension(path);
            if (extension.Length > 1 && long.TryParse(extension.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var until) && until < now)
            {
                File.Delete(path);
                deleted++;
            }
        }

        return deleted;
    }

    private string? Find(string nonce) => Directory.EnumerateFiles(_directory, nonce + ".*").FirstOrDefault(path => !path.EndsWith(".tmp", StringComparison.Ordinal));

    private string PathOf(string nonce, DateTimeOffset keepUntil)
        => Path.Combine(_directory, nonce + "." + keepUntil.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
}
