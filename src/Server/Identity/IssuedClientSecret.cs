namespace Proxus.Server.Identity;

/// <summary>A client's new secret: <see cref="ClientSecret"/> is shown once and never again.</summary>
public sealed record IssuedClientSecret(MachineClientSummary Client, string ClientSecret);
