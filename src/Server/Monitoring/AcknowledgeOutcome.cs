namespace Proxus.Server.Monitoring;

/// <summary>What an acknowledgement did.</summary>
public enum AcknowledgeOutcome
{
    Acknowledged,
    NotFound,
    AlreadyAcknowledged,
}
