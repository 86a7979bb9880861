namespace Proxus.Core.Configuration;

/// <summary>A verified configuration envelope: its header and the agent configuration it carries.</summary>
public sealed record ConfigEnvelope(ConfigEnvelopeHeader Header, AgentConfiguration Configuration);
