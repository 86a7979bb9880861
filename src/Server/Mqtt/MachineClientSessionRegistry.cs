using System.Collections.Concurrent;

namespace Proxus.Server.Mqtt;

/// <summary>
/// The machine-client identities the broker accepted whose expiry has not been enforced yet: what
/// <see cref="MachineClientSessions"/> sweeps. Held apart from it so that the authentication hook
/// can register identities without depending on the broker it serves.
/// </summary>
internal sealed class MachineClientSessionRegistry
{
    private readonly ConcurrentDictionary<MachineClientMqttIdentity, byte> _identities = new();

    public int Count => _identities.Count;

    public void Register(MachineClientMqttIdentity identity) => _identities.TryAdd(identity, 0);

    /// <summary>Removes and returns the identities <paramref name="match"/> selects.</summary>
    public IReadOnlyList<MachineClientMqttIdentity> Take(Func<MachineClientMqttIdentity, bool> match)
    {
        var taken = new List<MachineClientMqttIdentity>();
        foreach (var identity in _identities.Keys)
        {
            if (match(identity) && _identities.TryRemove(identity, out _))
            {
                taken.Add(identity);
            }
        }

        return taken;
    }
}
