using Proxus.Agent.Storage;
using Proxus.Core.Configuration;

namespace Proxus.Agent.Configuration;

/// <summary>
/// The last verified configuration envelope on disk, kept byte for byte as the server signed it and
/// replaced atomically (<see cref="AtomicFile"/>): after a crash at any instant the file holds the
/// complete old or the complete new envelope, so the agent restarts with one of the two.
/// </summary>
public sealed class ConfigStore(AgentPaths paths)
{
    public string Path => paths.ConfigPath;

    public void Save(ReadOnlySpan<byte> envelope)
    {
        Directory.CreateDirectory(paths.ConfigDirectory);
        AtomicFile.Write(paths.ConfigPath, envelope, AtomicFile.OwnerOnly);
    }

    /// <summary>The stored envelope bytes, or null when none was ever applied (or it is larger than any envelope may be).</summary>
    public byte[]? Load()
    {
        var file = new FileInfo(paths.ConfigPath);
        if (!file.Exists || file.Length > ConfigEnvelopeVerifier.MaxEnvelopeBytes)
        {
            return null;
        }

        return File.ReadAllBytes(paths.ConfigPath);
    }
}
