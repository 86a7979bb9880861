using Proxus.Agent.Storage;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// Secrets the agent holds itself and configurations only name (an OPC UA user's password): one
/// file per secret in <c>{data}/secrets/{name}</c>, readable by the agent's user only.
/// </summary>
public sealed class AgentSecrets(AgentPaths paths)
{
    public const int MaxSecretBytes = 4096;

    public string Directory => Path.Combine(paths.Root, "secrets");

    public string Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a valid secret name.", nameof(name));
        }

        var file = new FileInfo(Path.Combine(Directory, name));
        if (!file.Exists)
        {
            throw new ArgumentException($"The secret '{name}' is not in {Directory}.", nameof(name));
        }

        return file.Length <= MaxSecretBytes
            ? File.ReadAllText(file.FullName).TrimEnd('\r', '\n')
            : throw new ArgumentException($"The secret '{name}' is larger than {MaxSecretBytes} bytes.", nameof(name));
    }
}
