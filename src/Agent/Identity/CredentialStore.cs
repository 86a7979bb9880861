using Proxus.Agent.Storage;

namespace Proxus.Agent.Identity;

/// <summary>
/// The credentials the agent uses now. A renewal writes the new certificate to disk and reloads;
/// connections opened afterwards use it, connections open already keep the old one (still valid)
/// until they end. The credentials before the current ones are disposed at the next reload, when
/// nothing can still be starting a handshake with them.
/// </summary>
public sealed class CredentialStore : IDisposable
{
    private readonly AgentPaths _paths;
    private readonly object _gate = new();
    private AgentCredentials _current;
    private AgentCredentials? _previous;

    public CredentialStore(AgentPaths paths)
    {
        _paths = paths;
        _current = AgentCredentials.Load(paths);
    }

    public AgentCredentials Current
    {
        get { lock (_gate) { return _current; } }
    }

    /// <summary>Loads the identity from disk again (after a renewal).</summary>
    public void Reload()
    {
        var loaded = AgentCredentials.Load(_paths);
        lock (_gate)
        {
            _previous?.Dispose();
            _previous = _current;
            _current = loaded;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _previous?.Dispose();
            _current.Dispose();
        }
    }
}
