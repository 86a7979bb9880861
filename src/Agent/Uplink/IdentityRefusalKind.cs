namespace Proxus.Agent.Uplink;

/// <summary>How sure a failed connection attempt says the server refused the agent's identity (<see cref="IdentityRefusal"/>).</summary>
internal enum IdentityRefusalKind
{
    /// <summary>Not a refusal of the identity: the server is unreachable, busy, or not ours.</summary>
    None,

    /// <summary>A refusal only if it repeats: the TLS connection closed before CONNACK.</summary>
    Suspected,

    /// <summary>The server said so: CONNACK Not Authorized / Bad User Name or Password, or a TLS alert about the certificate.</summary>
    Certain,
}
