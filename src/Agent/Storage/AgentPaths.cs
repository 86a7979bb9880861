namespace Proxus.Agent.Storage;

/// <summary>
/// The layout of the agent's data directory (docs/agent.md). Everything the agent keeps between
/// runs lives here: its identity, the last good configuration, the store-and-forward queue and the
/// status the running agent last wrote.
/// </summary>
public sealed class AgentPaths
{
    /// <summary>The directory used when neither <c>--data-dir</c> nor <see cref="DataDirectoryVariable"/> names one.</summary>
    public const string DefaultDataDirectory = "/var/lib/proxus-agent";

    /// <summary>The environment variable that names the data directory.</summary>
    public const string DataDirectoryVariable = "PROXUS_AGENT_DATA_DIR";

    public AgentPaths(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>Owner-only (0700): the key, certificate, CA chain and configuration-signing key.</summary>
    public string IdentityDirectory => Path.Combine(Root, "identity");

    /// <summary>The client certificate followed by its private key (PEM, 0600), replaced in one rename on renewal.</summary>
    public string CredentialPath => Path.Combine(IdentityDirectory, "agent.pem");

    /// <summary>Our CA chain (issuing CA, root): the only anchors the server's certificates may chain to.</summary>
    public string ChainPath => Path.Combine(IdentityDirectory, "ca-chain.pem");

    /// <summary>The server's configuration-signing public key (PEM).</summary>
    public string SigningKeyPath => Path.Combine(IdentityDirectory, "config-signing-key.pem");

    /// <summary>Who the agent is and where its server is (<see cref="Identity.EnrollmentRecord"/>).</summary>
    public string EnrollmentPath => Path.Combine(IdentityDirectory, "enrollment.json");

    public string ConfigDirectory => Path.Combine(Root, "config");

    /// <summary>The last verified and applied configuration envelope, byte for byte as signed.</summary>
    public string ConfigPath => Path.Combine(ConfigDirectory, "current.envelope");

    /// <summary>The reserved upper bound of the UNS message sequence (<see cref="Acquisition.SequenceAllocator"/>).</summary>
    public string SequencePath => Path.Combine(Root, "sequence");

    /// <summary>The store-and-forward queue's segments.</summary>
    public string BufferDirectory => Path.Combine(Root, "buffer");

    /// <summary>The OPC UA client's own certificate and trust lists.</summary>
    public string OpcUaPkiDirectory => Path.Combine(Root, "opcua-pki");

    /// <summary>The status the running agent writes every status interval; read by <c>proxus-agent status</c>.</summary>
    public string StatusPath => Path.Combine(Root, "status.json");

    /// <summary>The data directory named by <paramref name="option"/>, else by the environment, else the default.</summary>
    public static AgentPaths Resolve(string? option, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var chosen = option;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = getEnvironmentVariable(DataDirectoryVariable);
        }

        return new AgentPaths(string.IsNullOrWhiteSpace(chosen) ? DefaultDataDirectory : chosen);
    }

    /// <summary>Creates the directories the agent writes to, the identity directory owner-only.</summary>
    public void EnsureCreated()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Proxus agent runs on Linux.");
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Root, OwnerOnly);
        Directory.CreateDirectory(IdentityDirectory, OwnerOnly);
        Directory.CreateDirectory(ConfigDirectory, OwnerOnly);
        File.SetUnixFileMode(IdentityDirectory, OwnerOnly);
    }
}
