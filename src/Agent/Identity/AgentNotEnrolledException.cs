namespace Proxus.Agent.Identity;

/// <summary>The data directory holds no usable identity: the agent must enroll (again).</summary>
public sealed class AgentNotEnrolledException : Exception
{
    public AgentNotEnrolledException()
    {
    }

    public AgentNotEnrolledException(string message)
        : base(message)
    {
    }

    public AgentNotEnrolledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
